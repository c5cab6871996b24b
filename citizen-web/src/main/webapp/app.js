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
      api: 'API publique (JSON)'
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
      api: 'Public API (JSON)'
    }
  };

  function language() {
    var asked = new URLSearchParams(window.location.search).get('lang');
    if (asked === 'fr' || asked === 'en') {
      return asked;
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
