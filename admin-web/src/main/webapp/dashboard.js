// The dashboard: live figures of every election that is not a draft (registrations, the roll from its
// ledger, ballots and turnout) and the providers in use, refreshed every 10 seconds; deliverability per
// email domain and phone country (alerting rows first, and a banner when any alerts), every minute.
(function () {
  'use strict';
  var C = window.OPC;

  C.texts({
    fr: {
      pageTitle: 'Tableau de bord', heading: 'Tableau de bord',
      intro: 'Les chiffres viennent du registre de la liste électorale et de l’urne, comme ceux que voit le public.',
      caption: 'Chaque élection en cours, actualisée toutes les 10 secondes', colTitle: 'Élection', colState: 'État',
      colRegistrants: 'Inscriptions', colOnRoll: 'Sur la liste', colBallots: 'Bulletins', colTurnout: 'Participation',
      providers: 'Fournisseurs' + C.NBSP + ': SMS {0}, courriel {1}, carte {2}.', updated: 'Mis à jour à {0}.',
      deliverabilityHeading: 'Délivrabilité',
      deliverabilityIntro: 'Ce que sont devenus les messages remis au fournisseur (SMTP, Twilio), par domaine de courriel'
        + ' et par pays du numéro. Une ligne est en alerte quand au moins 20 messages ont été remis et qu’un sur cinq'
        + ' ou plus a été refusé ou non distribué, ou quand au moins 5 messages essayés ces 6 dernières heures n’ont'
        + ' été acceptés ni l’un ni l’autre.',
      deliverabilityCaption: 'Par domaine de courriel et par pays, les dernières {0} heures' + C.NBSP + '; les alertes d’abord',
      colWhere: 'Domaine ou pays', colChannel: 'Canal', colHanded: 'Remis au fournisseur', colRefused: 'Refusés',
      colDelivered: 'Distribués', colUndelivered: 'Non distribués', colRetrying: 'En reprise', colFailureRate: 'Taux d’échec',
      colAlert: 'Alerte', channelEmail: 'Courriel', channelSms: 'SMS', noAlert: 'Non', alertYes: 'Oui' + C.NBSP + ': ',
      noDeliverability: 'Aucun message remis sur la période.',
      deliverabilityAlert: 'Alerte de délivrabilité' + C.NBSP + ': {0} ne reçoit plus nos messages ({1}). Les codes et les'
        + ' liens n’arrivent peut-être pas à ces destinataires.',
      deliverabilityAlerts: '{0} alertes de délivrabilité' + C.NBSP + ': {1} ne reçoivent plus nos messages. Les codes et'
        + ' les liens n’arrivent peut-être pas à ces destinataires.'
    },
    en: {
      pageTitle: 'Dashboard', heading: 'Dashboard',
      intro: 'The figures come from the roll’s ledger and the ballot box, as the public’s do.',
      caption: 'Every election under way, refreshed every 10 seconds', colTitle: 'Election', colState: 'State',
      colRegistrants: 'Registrations', colOnRoll: 'On the roll', colBallots: 'Ballots', colTurnout: 'Turnout',
      providers: 'Providers: SMS {0}, email {1}, card {2}.', updated: 'Updated at {0}.',
      deliverabilityHeading: 'Deliverability',
      deliverabilityIntro: 'What became of the messages handed to the provider (SMTP, Twilio), per email domain and per'
        + ' country of the number. A row alerts when at least 20 messages were handed over and one in five or more was'
        + ' refused or undelivered, or when at least 5 messages tried in the last 6 hours were none of them accepted.',
      deliverabilityCaption: 'Per email domain and per country, the last {0} hours; alerts first',
      colWhere: 'Domain or country', colChannel: 'Channel', colHanded: 'Handed to the provider', colRefused: 'Refused',
      colDelivered: 'Delivered', colUndelivered: 'Undelivered', colRetrying: 'Being retried', colFailureRate: 'Failure rate',
      colAlert: 'Alert', channelEmail: 'Email', channelSms: 'SMS', noAlert: 'No', alertYes: 'Yes: ',
      noDeliverability: 'No message handed over in this period.',
      deliverabilityAlert: 'Deliverability alert: {0} no longer receives our messages ({1}). Codes and links may not'
        + ' reach these recipients.',
      deliverabilityAlerts: '{0} deliverability alerts: {1} no longer receive our messages. Codes and links may not'
        + ' reach these recipients.'
    }
  });

  var timer = null;
  var deliverabilityAt = 0;
  var shownAlert = null;

  /** A phone country's name in the page's language (its ISO code when the browser cannot say). */
  function country(code) {
    try {
      return new Intl.DisplayNames([C.lang], { type: 'region' }).of(code) + ' (' + code + ')';
    } catch (e) {
      return code;
    }
  }

  function deliverabilityRow(r) {
    var email = r.domain !== undefined && r.domain !== null;
    var where = email ? r.domain : country(r.country);
    var alert = C.el('td', {});
    if (r.alert) {
      alert.appendChild(C.el('strong', { key: 'alertYes' }));
      // The reason is the server's, in English.
      alert.appendChild(C.el('span', { lang: 'en', text: r.why }));
    } else {
      alert.appendChild(C.el('span', { key: 'noAlert' }));
    }
    return C.el('tr', { className: r.alert ? 'alerting' : null }, [C.el('th', { scope: 'row', text: where }),
      C.el('td', { key: email ? 'channelEmail' : 'channelSms' }),
      C.el('td', { className: 'number', text: C.number(r.handed) }),
      C.el('td', { className: 'number', text: C.number(r.refused) }),
      C.el('td', { className: 'number', text: email ? C.t('none') : C.number(r.delivered) }),
      C.el('td', { className: 'number', text: email ? C.t('none') : C.number(r.undelivered) }),
      C.el('td', { className: 'number', text: C.number(r.retrying) }),
      C.el('td', { className: 'number', text: r.failureRate }), alert]);
  }

  function loadDeliverability() {
    if (Date.now() - deliverabilityAt < 60000) {
      return;
    }
    deliverabilityAt = Date.now();
    C.call('GET', 'api/notifications/deliverability?hours=24').then(function (answer) {
      var section = document.getElementById('deliverability-section');
      if (answer.status !== 200 || !answer.data) {
        section.hidden = true;
        return;
      }
      section.hidden = false;
      var data = answer.data;
      var rows = (data.email || []).concat(data.sms || []);
      // Alerting rows first (each list already is), then the busiest.
      rows.sort(function (a, b) {
        return (b.alert ? 1 : 0) - (a.alert ? 1 : 0) || b.handed - a.handed;
      });
      C.say(document.querySelector('#deliverability caption'), 'deliverabilityCaption', [data.windowHours]);
      var body = C.clear(document.querySelector('#deliverability tbody'));
      if (rows.length === 0) {
        body.appendChild(C.el('tr', {}, [C.el('td', { colspan: 9, key: 'noDeliverability' })]));
      }
      rows.forEach(function (r) {
        body.appendChild(deliverabilityRow(r));
      });
      var alerting = rows.filter(function (r) {
        return r.alert;
      });
      var banner = document.getElementById('deliverability-alert');
      var names = alerting.map(function (r) {
        return r.domain || country(r.country);
      }).join(', ');
      // Said again only when it changes, so a screen reader is not interrupted every minute.
      if (names !== shownAlert) {
        shownAlert = names;
        if (alerting.length === 0) {
          banner.hidden = true;
          C.plain(banner, '');
        } else {
          banner.hidden = false;
          if (alerting.length === 1) {
            C.say(banner, 'deliverabilityAlert', [names, alerting[0].failureRate]);
          } else {
            C.say(banner, 'deliverabilityAlerts', [alerting.length, names]);
          }
        }
      }
    });
  }

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
    loadDeliverability();
    C.call('GET', 'api/system/providers').then(function (answer) {
      if (answer.status === 200 && answer.data) {
        C.say(document.getElementById('providers'), 'providers', [answer.data.sms, answer.data.email, answer.data.card]);
      }
    });
  }

  C.start({ ready: load, refresh: load });
}());
