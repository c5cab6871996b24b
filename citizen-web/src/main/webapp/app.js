// The citizens' home page: where to click (register, my registration, practise, check a receipt),
// the elections open for registration with their schedule, candidates, statements and the roll's
// live size, and the elections whose voting is ahead, under way or over (live turnout, receipt,
// result). Every text from the server is inserted with textContent, never as HTML.
(function () {
  'use strict';
  var OP = window.OP;
  var NBSP = '\u00a0';

  OP.texts({
    fr: {
      skip: 'Aller au contenu', heading: 'Primaires citoyennes',
      intro: 'Primaires citoyennes ouvertes' + NBSP + ': inscrivez-vous, votez au jugement majoritaire, vérifiez le'
        + ' résultat.',
      actions: 'Que voulez-vous faire' + NBSP + '?', register: 'S’inscrire', mine: 'Mon inscription',
      practice: 'S’entraîner à voter',
      open: 'Inscriptions ouvertes', loading: 'Chargement…',
      none: 'Aucune élection n’est ouverte aux inscriptions pour le moment.',
      failed: 'La liste des élections n’a pas pu être chargée. Réessayez dans un instant.',
      candidates: 'Les candidats', grades: 'Mentions, de la meilleure à la moins bonne' + NBSP + ': {0}',
      roll: '{0} inscrits sur la liste électorale', rollOne: '1 inscrit sur la liste électorale',
      schedule: 'Vote du {0} au {1}', opens: 'Ouverture du vote' + NBSP + ': {0}',
      noSchedule: 'Dates du vote à venir',
      registerFor: 'M’inscrire à cette élection', practiceFor: 'M’entraîner sur ce bulletin',
      api: 'API publique (JSON)',
      voting: 'Vote et résultats',
      votingHow: 'Pour voter, ouvrez le lien personnel reçu par SMS ou par courriel.',
      noVoting: 'Aucun vote n’est à venir, en cours ni terminé pour le moment.',
      checkReceipt: 'Vérifier un reçu', result: 'Résultat',
      SEALED: 'Liste électorale scellée, vote à venir',
      VOTING: 'Vote en cours', CLOSED: 'Vote clos, dépouillement à venir', COUNTED: 'Dépouillé, résultat à venir',
      PUBLISHED: 'Résultat publié',
      turnout: '{0} · participation {1}' + NBSP + '% ({2} votes pour {3} inscrits)'
    },
    en: {
      skip: 'Skip to content', heading: 'Citizen primaries',
      intro: 'Open citizen primaries: register, vote by majority judgment, check the result.',
      actions: 'What do you want to do?', register: 'Register', mine: 'My registration', practice: 'Practise voting',
      open: 'Open for registration', loading: 'Loading…',
      none: 'No election is open for registration at the moment.',
      failed: 'The list of elections could not be loaded. Please try again in a moment.',
      candidates: 'The candidates', grades: 'Grades, best first: {0}',
      roll: '{0} registered on the electoral roll', rollOne: '1 registered on the electoral roll',
      schedule: 'Voting from {0} to {1}', opens: 'Voting opens: {0}', noSchedule: 'Voting dates to come',
      registerFor: 'Register for this election', practiceFor: 'Practise on this ballot',
      api: 'Public API (JSON)',
      voting: 'Voting and results',
      votingHow: 'To vote, open the personal link you received by SMS or email.',
      noVoting: 'No vote is ahead, under way or over at the moment.',
      checkReceipt: 'Check a receipt', result: 'Result',
      SEALED: 'Electoral roll sealed, voting to come',
      VOTING: 'Voting is open', CLOSED: 'Voting closed, count to come', COUNTED: 'Counted, result to come',
      PUBLISHED: 'Result published',
      turnout: '{0} · turnout {1}' + NBSP + '% ({2} votes for {3} registered)'
    }
  });

  function $(id) {
    return document.getElementById(id);
  }

  function link(href, key, className) {
    var a = OP.el('a', className);
    a.href = href;
    OP.say(a, key);
    return a;
  }

  function when(election) {
    var opens = election.votingOpensAt ? new Date(election.votingOpensAt) : null;
    var closes = election.votingClosesAt ? new Date(election.votingClosesAt) : null;
    var p = OP.el('p', 'schedule');
    if (opens && closes) {
      OP.say(p, 'schedule', function () {
        return [OP.time(opens), OP.time(closes)];
      });
    } else if (opens) {
      OP.say(p, 'opens', function () {
        return [OP.time(opens)];
      });
    } else {
      OP.say(p, 'noSchedule');
    }
    return p;
  }

  function candidates(election) {
    var details = election.candidateDetails && election.candidateDetails.length ? election.candidateDetails
      : election.candidates.map(function (name) {
        return { name: name };
      });
    var list = OP.el('ul', 'candidates');
    details.forEach(function (candidate) {
      var item = OP.el('li');
      item.appendChild(OP.el('strong', null, candidate.name));
      if (candidate.party) {
        item.appendChild(document.createTextNode(' — ' + candidate.party));
      }
      if (candidate.statement) {
        item.appendChild(OP.el('p', 'statement', candidate.statement));
      }
      list.appendChild(item);
    });
    return list;
  }

  function showOpen(elections) {
    var list = $('elections');
    var status = $('status');
    list.replaceChildren();
    if (elections.length === 0) {
      OP.say(status, 'none');
      return;
    }
    OP.plain(status, '');
    elections.forEach(function (election) {
      var item = OP.el('li');
      item.appendChild(OP.el('h3', null, election.title));
      if (election.description) {
        item.appendChild(OP.el('p', null, election.description));
      }
      item.appendChild(when(election));
      var roll = OP.el('p', 'figure');
      roll.id = 'roll-' + election.id;
      if (election.rollSize === 1) {
        OP.say(roll, 'rollOne');
      } else {
        OP.say(roll, 'roll', function () {
          return [OP.number(election.rollSize)];
        });
      }
      item.appendChild(roll);
      item.appendChild(OP.say(OP.el('h4'), 'candidates'));
      item.appendChild(candidates(election));
      item.appendChild(OP.say(OP.el('p', 'hint'), 'grades', [election.grades.slice().reverse().join(', ')]));
      var actions = OP.el('p', 'actions');
      actions.appendChild(link('register.html#e=' + election.id, 'registerFor', 'button primary'));
      actions.appendChild(link('practice.html#e=' + election.id, 'practiceFor', 'button secondary'));
      item.appendChild(actions);
      list.appendChild(item);
    });
  }

  // Elections whose voting is ahead, under way or over: a practice, a receipt to check, a result to read.
  function showVoting(elections) {
    var list = $('voting');
    var status = $('voting-status');
    var shown = elections.filter(function (e) {
      return ['SEALED', 'VOTING', 'CLOSED', 'COUNTED', 'PUBLISHED'].indexOf(e.state) >= 0;
    });
    list.replaceChildren();
    if (shown.length === 0) {
      OP.say(status, 'noVoting');
    } else {
      OP.plain(status, '');
    }
    shown.forEach(function (election) {
      var item = OP.el('li');
      item.appendChild(OP.el('h3', null, election.title));
      var state = OP.say(OP.el('p'), election.state);
      item.appendChild(state);
      if (election.state === 'SEALED' || election.state === 'VOTING') {
        item.appendChild(when(election));
      }
      var links = OP.el('p');
      if (election.state === 'SEALED') {
        links.appendChild(link('practice.html#e=' + election.id, 'practiceFor'));
      } else {
        links.appendChild(link('receipt.html#e=' + election.id, 'checkReceipt'));
      }
      if (election.state === 'PUBLISHED') {
        links.appendChild(document.createTextNode(' · '));
        links.appendChild(link('result.html#e=' + election.id, 'result'));
      }
      item.appendChild(links);
      list.appendChild(item);
      if (election.state === 'VOTING') {
        OP.call('GET', 'api/elections/' + election.id + '/turnout').then(function (answer) {
          var turnout = answer.status === 200 && answer.data;
          if (turnout) {
            OP.say(state, 'turnout', function (lang) {
              return [OP.t('VOTING'), lang === 'fr' ? turnout.percent.replace('.', ',') : turnout.percent,
                OP.number(turnout.ballots), OP.number(turnout.rollSize)];
            });
          }
        });
      }
    });
  }

  OP.start();
  OP.call('GET', 'api/elections').then(function (answer) {
    if (answer.status !== 200 || !Array.isArray(answer.data)) {
      OP.say($('status'), 'failed');
      OP.say($('voting-status'), 'failed');
      return;
    }
    showOpen(answer.data.filter(function (e) {
      return e.state === 'REGISTRATION';
    }));
    showVoting(answer.data);
  });
}());
