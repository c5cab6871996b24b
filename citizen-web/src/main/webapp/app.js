// The citizens' landing page: the elections open for registration, in French or English.
// Every text from the server is inserted with textContent, never as HTML.
(function () {
  'use strict';

  var TEXT = {
    fr: {
      intro: 'Primaires citoyennes ouvertes : inscrivez-vous, votez au jugement majoritaire, vérifiez le résultat.',
      open: 'Inscriptions ouvertes',
      loading: 'Chargement…',
      none: 'Aucune élection n’est ouverte aux inscriptions pour le moment.',
      failed: 'La liste des élections n’a pas pu être chargée. Réessayez dans un instant.',
      candidates: 'Candidats',
      grades: 'Mentions',
      roll: 'inscrits',
      api: 'API publique (JSON)',
      voting: 'Vote et résultats',
      votingHow: 'Pour voter, ouvrez le lien personnel reçu par SMS ou par courriel.',
      noVoting: 'Aucun vote n’est en cours ni terminé pour le moment.',
      checkReceipt: 'Vérifier un reçu',
      result: 'Résultat',
      VOTING: 'Vote en cours', CLOSED: 'Vote clos, dépouillement à venir', COUNTED: 'Dépouillé, résultat à venir',
      PUBLISHED: 'Résultat publié',
      turnout: 'participation'
    },
    en: {
      intro: 'Open citizen primaries: register, vote by majority judgment, check the result.',
      open: 'Open for registration',
      loading: 'Loading…',
      none: 'No election is open for registration at the moment.',
      failed: 'The list of elections could not be loaded. Please try again in a moment.',
      candidates: 'Candidates',
      grades: 'Grades',
      roll: 'registered',
      api: 'Public API (JSON)',
      voting: 'Voting and results',
      votingHow: 'To vote, open the personal link you received by SMS or email.',
      noVoting: 'No vote is under way or over at the moment.',
      checkReceipt: 'Check a receipt',
      result: 'Result',
      VOTING: 'Voting is open', CLOSED: 'Voting closed, count to come', COUNTED: 'Counted, result to come',
      PUBLISHED: 'Result published',
      turnout: 'turnout'
    }
  };

  // ?lang= first (remembered for the other pages), then the choice made on another page, then the browser's.
  function language() {
    var asked = new URLSearchParams(window.location.search).get('lang');
    try {
      if (asked === 'fr' || asked === 'en') {
        window.localStorage.setItem('openprimary.lang', asked);
        return asked;
      }
      var kept = window.localStorage.getItem('openprimary.lang');
      if (kept === 'fr' || kept === 'en') {
        return kept;
      }
    } catch (e) {
      // no storage: the browser's language decides
    }
    return (navigator.language || 'fr').toLowerCase().indexOf('fr') === 0 ? 'fr' : 'en';
  }

  var lang = language();
  var t = TEXT[lang];
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(function (node) {
    node.textContent = t[node.getAttribute('data-i18n')];
  });

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function show(elections) {
    var list = document.getElementById('elections');
    var status = document.getElementById('status');
    list.replaceChildren();
    if (elections.length === 0) {
      status.textContent = t.none;
      return;
    }
    status.textContent = '';
    elections.forEach(function (election) {
      var item = element('li');
      item.appendChild(element('h3', election.title));
      item.appendChild(element('p', t.candidates + ' : ' + election.candidates.join(', ')));
      item.appendChild(element('p', t.grades + ' : ' + election.grades.slice().reverse().join(', ')));
      item.appendChild(element('p', election.rollSize + ' ' + t.roll));
      list.appendChild(item);
    });
  }

  function link(href, text) {
    var a = element('a', text);
    a.href = href;
    return a;
  }

  // Elections whose ballot box is open or was: a receipt to check, a result to read.
  function showVoting(elections) {
    var list = document.getElementById('voting');
    var status = document.getElementById('voting-status');
    var shown = elections.filter(function (e) {
      return ['VOTING', 'CLOSED', 'COUNTED', 'PUBLISHED'].indexOf(e.state) >= 0;
    });
    list.replaceChildren();
    status.textContent = shown.length === 0 ? t.noVoting : '';
    shown.forEach(function (election) {
      var item = element('li');
      item.appendChild(element('h3', election.title));
      var state = element('p', t[election.state]);
      item.appendChild(state);
      var links = element('p');
      links.appendChild(link('receipt.html#e=' + election.id, t.checkReceipt));
      if (election.state === 'PUBLISHED') {
        links.appendChild(document.createTextNode(' · '));
        links.appendChild(link('result.html#e=' + election.id, t.result));
      }
      item.appendChild(links);
      list.appendChild(item);
      if (election.state === 'VOTING') {
        fetch('api/elections/' + election.id + '/turnout', { headers: { Accept: 'application/json' } })
          .then(function (response) {
            return response.ok ? response.json() : null;
          })
          .then(function (turnout) {
            if (turnout) {
              state.textContent = t.VOTING + ' · ' + t.turnout + ' ' + turnout.percent.replace('.', lang === 'fr' ? ',' : '.')
                + '\u00a0%';
            }
          })
          .catch(function () {
            // the turnout is a bonus here
          });
      }
    });
  }

  fetch('api/elections', { headers: { Accept: 'application/json' } })
    .then(function (response) {
      return response.ok ? response.json() : [];
    })
    .then(showVoting)
    .catch(function () {
      document.getElementById('voting-status').textContent = t.failed;
    });

  fetch('api/elections?state=REGISTRATION', { headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    })
    .then(show)
    .catch(function () {
      document.getElementById('status').textContent = t.failed;
    });
}());
