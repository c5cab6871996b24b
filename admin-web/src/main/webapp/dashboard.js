// The dashboard: live figures of every election that is not a draft (registrations, the roll from its
// ledger, ballots and turnout) and the providers in use, refreshed every 10 seconds.
(function () {
  'use strict';
  var C = window.OPC;

  C.texts({
    fr: {
      pageTitle: 'Tableau de bord', heading: 'Tableau de bord',
      intro: 'Les chiffres viennent du registre de la liste électorale et de l’urne, comme ceux que voit le public.',
      caption: 'Chaque élection en cours, actualisée toutes les 10 secondes', colTitle: 'Élection', colState: 'État',
      colRegistrants: 'Inscriptions', colOnRoll: 'Sur la liste', colBallots: 'Bulletins', colTurnout: 'Participation',
      providers: 'Fournisseurs' + C.NBSP + ': SMS {0}, courriel {1}, carte {2}.', updated: 'Mis à jour à {0}.'
    },
    en: {
      pageTitle: 'Dashboard', heading: 'Dashboard',
      intro: 'The figures come from the roll’s ledger and the ballot box, as the public’s do.',
      caption: 'Every election under way, refreshed every 10 seconds', colTitle: 'Election', colState: 'State',
      colRegistrants: 'Registrations', colOnRoll: 'On the roll', colBallots: 'Ballots', colTurnout: 'Turnout',
      providers: 'Providers: SMS {0}, email {1}, card {2}.', updated: 'Updated at {0}.'
    }
  });

  var timer = null;

  function row(e) {
    var registrants = C.el('td', { className: 'number', text: '…' });
    var onRoll = C.el('td', { className: 'number', text: '…' });
    var ballots = C.el('td', { className: 'number', text: C.t('none') });
    var turnout = C.el('td', { text: C.t('none') });
    C.call('GET', '../api/elections/' + e.id + '/roll').then(function (answer) {
      if (answer.status === 200 && answer.data) {
        C.plain(registrants, C.number(answer.data.registrants));
        C.plain(onRoll, C.number(answer.data.onRoll));
      }
    });
    if (['VOTING', 'CLOSED', 'COUNTED', 'PUBLISHED'].indexOf(e.state) >= 0) {
      C.call('GET', '../api/elections/' + e.id + '/turnout').then(function (answer) {
        if (answer.status === 200 && answer.data) {
          C.plain(ballots, C.number(answer.data.ballots));
          C.clear(turnout).appendChild(C.el('span', { text: answer.data.percent + ' %' }));
          turnout.appendChild(C.el('progress', { max: 100, value: parseFloat(answer.data.percent) || 0,
            'aria-hidden': 'true', className: 'meter' }));
        }
      });
    }
    return C.el('tr', {}, [C.el('th', { scope: 'row' }, [C.el('a', { href: 'election.html#e=' + e.id, text: e.title })]),
      C.el('td', { text: C.t('state_' + e.state) }), registrants, onRoll, ballots, turnout]);
  }

  function load() {
    if (timer) {
      clearTimeout(timer);
    }
    C.call('GET', 'api/elections').then(function (answer) {
      if (answer.status !== 200) {
        return;
      }
      var body = C.clear(document.querySelector('#figures tbody'));
      (answer.data || []).filter(function (e) {
        return e.state !== 'DRAFT';
      }).forEach(function (e) {
        body.appendChild(row(e));
      });
      C.say(document.getElementById('updated'), 'updated', [C.time(new Date().toISOString())]);
      timer = setTimeout(function () {
        if (C.session()) {
          load();
        }
      }, 10000);
    });
    C.call('GET', 'api/system/providers').then(function (answer) {
      if (answer.status === 200 && answer.data) {
        C.say(document.getElementById('providers'), 'providers', [answer.data.sms, answer.data.email, answer.data.card]);
      }
    });
  }

  C.start({ ready: load, refresh: load });
}());
