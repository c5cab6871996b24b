// The audit trail: every state-changing admin request, accepted or refused, newest first; filtered
// by election, by account and by outcome; its hash chain checked; exported as JSON or CSV.
(function () {
  'use strict';
  var C = window.OPC;

  C.texts({
    fr: {
      pageTitle: 'Journal d’audit', heading: 'Journal d’audit',
      intro: 'Chaque demande qui change quelque chose, acceptée ou refusée, y est ajoutée et chaînée à la précédente'
        + ' par une empreinte' + C.NBSP + ': personne ne peut la modifier ni l’effacer.',
      election: 'Élection', allElections: 'Toutes les élections', actor: 'Compte (contient)', outcome: 'Issue',
      anyOutcome: 'Toutes', accepted: 'acceptées', refusedOnly: 'refusées', limit: 'Nombre d’entrées (au plus)',
      show: 'Afficher', checkChain: 'Vérifier la chaîne', exportJson: 'Exporter (JSON)', exportCsv: 'Exporter (CSV)',
      colSeq: 'N°', colAt: 'Quand', colActor: 'Qui', colAction: 'Quoi', colStatus: 'Statut', colOutcome: 'Issue',
      caption: '{0} entrée(s), les plus récentes d’abord', chainHolds: 'La chaîne du journal est intacte.',
      chainBroken: 'La chaîne du journal est rompue à l’entrée n° {0}' + C.NBSP + '!', empty: 'Aucune entrée.',
      failed: 'Le journal n’a pas pu être chargé' + C.NBSP + ': {0}', done: 'acceptée', refused: 'refusée'
    },
    en: {
      pageTitle: 'Audit trail', heading: 'Audit trail',
      intro: 'Every request that changes something, accepted or refused, is appended and chained to the one before by'
        + ' a hash: no one can edit or delete it.',
      election: 'Election', allElections: 'Every election', actor: 'Account (contains)', outcome: 'Outcome',
      anyOutcome: 'Any', accepted: 'accepted', refusedOnly: 'refused', limit: 'Number of entries (at most)',
      show: 'Show', checkChain: 'Check the chain', exportJson: 'Export (JSON)', exportCsv: 'Export (CSV)',
      colSeq: 'No.', colAt: 'When', colActor: 'Who', colAction: 'What', colStatus: 'Status', colOutcome: 'Outcome',
      caption: '{0} entry(ies), newest first', chainHolds: 'The trail’s chain holds.',
      chainBroken: 'The trail’s chain is broken at entry no. {0}!', empty: 'No entry.',
      failed: 'The trail could not be loaded: {0}', done: 'accepted', refused: 'refused'
    }
  });

  var entries = [];
  var shown = [];

  function $(name) {
    return document.getElementById(name);
  }

  function build() {
    var form = $('filter-form');
    form.appendChild(C.field({ id: 'election', label: 'election', options: [['', 'allElections']], field: 'election' }));
    form.appendChild(C.field({ id: 'actor', label: 'actor', type: 'search', field: 'actor' }));
    form.appendChild(C.field({ id: 'outcome', label: 'outcome', field: 'outcome',
      options: [['', 'anyOutcome'], ['done', 'accepted'], ['refused', 'refusedOnly']] }));
    form.appendChild(C.field({ id: 'limit', label: 'limit', type: 'number', min: 1, step: 1, value: 200, field: 'limit' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'primary', id: 'show', key: 'show' }));
    var wanted = C.fragment().get('e');
    C.call('GET', 'api/elections').then(function (answer) {
      var select = $('election');
      (answer.data || []).forEach(function (e) {
        select.appendChild(C.el('option', { value: e.id, text: e.title + ' (' + e.id.slice(0, 8) + ')' }));
      });
      if (wanted && C.isId(wanted)) {
        if (!select.querySelector('option[value="' + wanted + '"]')) {
          select.appendChild(C.el('option', { value: wanted, text: wanted }));
        }
        select.value = wanted;
      }
      load();
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      load();
    });
    $('actor').addEventListener('input', render);
    $('outcome').addEventListener('change', render);
    $('check-chain').addEventListener('click', check);
    $('export-json').addEventListener('click', function () {
      C.download('audit-trail.json', JSON.stringify(shown, null, 2) + '\n', 'application/json');
    });
    $('export-csv').addEventListener('click', function () {
      var quote = function (v) {
        var s = v === null || v === undefined ? '' : String(v);
        return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
      };
      var lines = ['seq,at,actor,action,electionId,status,outcome,hash'].concat(shown.map(function (e) {
        return [e.seq, e.at, e.actor, e.action, e.electionId, e.status, e.outcome, e.hash].map(quote).join(',');
      }));
      C.download('audit-trail.csv', lines.join('\n') + '\n', 'text/csv;charset=utf-8');
    });
    C.setLanguage(C.lang);
  }

  function load() {
    var form = $('filter-form');
    C.clearProblems(form);
    var election = $('election').value;
    var limit = parseInt($('limit').value, 10) || 200;
    var path = 'api/audit?limit=' + limit + (election ? '&election=' + encodeURIComponent(election) : '');
    C.call('GET', path).then(function (answer) {
      if (answer.status === 200) {
        entries = answer.data || [];
        render();
      } else {
        C.showProblem(form, answer);
      }
    });
  }

  function render() {
    var actor = $('actor').value.trim().toLowerCase();
    var outcome = $('outcome').value;
    shown = entries.filter(function (e) {
      var refused = e.status >= 400;
      return (!actor || String(e.actor || '').toLowerCase().indexOf(actor) >= 0)
        && (!outcome || (outcome === 'refused') === refused);
    });
    var body = C.clear(document.querySelector('#audit tbody'));
    shown.forEach(function (e) {
      body.appendChild(C.el('tr', { 'data-seq': e.seq }, [
        C.el('td', { className: 'number', text: e.seq }),
        C.el('td', { text: C.time(e.at) }),
        C.el('td', { text: e.actor || C.t('none') }),
        C.el('td', { className: 'action', text: e.action }),
        C.el('td', { className: 'number', text: e.status }),
        C.el('td', { className: 'outcome' }, [C.el('span', { key: e.status >= 400 ? 'refused' : 'done' }),
          document.createTextNode(e.outcome && e.outcome !== 'done' && e.outcome !== 'refused' ? ' — ' + e.outcome : '')])
      ]));
    });
    C.say($('audit-caption'), 'caption', [shown.length]);
    if (shown.length) {
      C.plain($('audit-status'), '');
    } else {
      C.say($('audit-status'), 'empty');
    }
  }

  function check() {
    C.call('GET', 'api/audit/check').then(function (answer) {
      if (answer.status === 200 && answer.data) {
        var broken = answer.data.firstBrokenEntry;
        var node = $('chain');
        C.say(node, broken ? 'chainBroken' : 'chainHolds', [broken]);
        node.className = broken ? 'error' : 'ok';
      } else if (answer.status !== 401) {
        var said = C.problemText(answer);
        C.say($('chain'), 'failed', [C.t(said[0], said[1])]);
      }
    });
  }

  C.onLanguage(function () {
    if (C.session()) {
      render();
    }
  });

  C.start({ ready: build, refresh: load });
}());
