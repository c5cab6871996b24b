// The dashboard: live figures of every election that is not a draft (registrations, the roll from its
// ledger, ballots and turnout) and the providers in use, refreshed every 10 seconds, with each election's
// charts over a period (registrations and the roll from the ledger, turnout at the box's signed
// checkpoints: charts.js draws them as SVG, with the figures in a table beside); deliverability per
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
      colSignedIn: 'Identifiés sans voter',
      providers: 'Fournisseurs' + C.NBSP + ': SMS {0}, courriel {1}, carte {2}.', updated: 'Mis à jour à {0}.',
      chartsHeading: 'Courbes',
      chartsIntro: 'Les inscriptions et la liste électorale au fil du temps, lues dans le registre de la liste'
        + ' (le nombre à chaque instant), et la participation lue aux points de contrôle signés de l’urne, publics'
        + ' eux aussi' + C.NBSP + ': l’urne ne garde l’heure d’aucun bulletin.',
      spanLabel: 'Période', span6: 'Les 6 dernières heures', span24: 'Les dernières 24 heures',
      span168: 'Les 7 derniers jours', span720: 'Les 30 derniers jours',
      spanText6: 'les 6 dernières heures', spanText24: 'les dernières 24 heures', spanText168: 'les 7 derniers jours',
      spanText720: 'les 30 derniers jours',
      chartRollTitle: 'Inscriptions et liste électorale', chartTurnoutTitle: 'Participation',
      chartPeople: 'personnes', chartPercent: '% de la liste',
      legendRegistrants: 'Inscrits (tirets)', legendOnRoll: 'Sur la liste (trait plein)',
      legendTurnout: 'Bulletins dans l’urne, en % de la liste scellée',
      chartRollLabel: '{0}, {1}' + C.NBSP + ': {2} inscrits et {3} sur la liste à {4}' + C.NBSP + '; {5} inscription(s)'
        + ' sur la période.',
      chartRollEmpty: '{0}, {1}' + C.NBSP + ': les inscriptions ne sont pas encore ouvertes.',
      chartTurnoutLabel: '{0}, {1}' + C.NBSP + ': {2} % ({3} bulletins pour {4} électeurs) au dernier point de'
        + ' contrôle, à {5}.',
      chartTurnoutEmpty: 'Pas encore de participation' + C.NBSP + ': elle s’affiche dès que l’urne est ouverte'
        + ' (son premier point de contrôle signé).',
      figuresSummary: 'Les chiffres de ces courbes', figuresCaption: '{0}, {1}, heure par heure ou plus fin',
      colAt: 'À', colRegistered: 'Nouvelles inscriptions', colRegistrantsAt: 'Inscrits', colOnRollAt: 'Sur la liste',
      colBallotsAt: 'Bulletins (point de contrôle)', colTurnoutAt: 'Participation',
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
      colSignedIn: 'Signed in, not voted',
      providers: 'Providers: SMS {0}, email {1}, card {2}.', updated: 'Updated at {0}.',
      chartsHeading: 'Charts',
      chartsIntro: 'Registrations and the roll over time, read from the roll’s ledger (the count at each moment), and'
        + ' turnout read at the ballot box’s signed checkpoints, public too: the box keeps the time of no ballot.',
      spanLabel: 'Period', span6: 'The last 6 hours', span24: 'The last 24 hours', span168: 'The last 7 days',
      span720: 'The last 30 days',
      spanText6: 'the last 6 hours', spanText24: 'the last 24 hours', spanText168: 'the last 7 days',
      spanText720: 'the last 30 days',
      chartRollTitle: 'Registrations and the roll', chartTurnoutTitle: 'Turnout',
      chartPeople: 'people', chartPercent: '% of the roll',
      legendRegistrants: 'Registrants (dashed)', legendOnRoll: 'On the roll (solid)',
      legendTurnout: 'Ballots in the box, as a % of the sealed roll',
      chartRollLabel: '{0}, {1}: {2} registrants and {3} on the roll at {4}; {5} registration(s) in the period.',
      chartRollEmpty: '{0}, {1}: registration has not opened yet.',
      chartTurnoutLabel: '{0}, {1}: {2} % ({3} ballots for {4} voters) at the last checkpoint, at {5}.',
      chartTurnoutEmpty: 'No turnout yet: it shows once the ballot box is open (its first signed checkpoint).',
      figuresSummary: 'The figures of these charts', figuresCaption: '{0}, {1}, hour by hour or finer',
      colAt: 'At', colRegistered: 'New registrations', colRegistrantsAt: 'Registrants', colOnRollAt: 'On the roll',
      colBallotsAt: 'Ballots (checkpoint)', colTurnoutAt: 'Turnout',
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

  // ---------------------------------------------------------------- the charts

  var chartNodes = {};   // per election: the nodes kept across refreshes (so an open table stays open)
  var chartData = {};    // per election: its last timeline and title, drawn again on a switch or a resize

  function span() {
    return document.getElementById('span').value;
  }

  /** A moment on the time axis: the day when labels are days apart, with the hour when the span is longer than a day. */
  function tick(ms, every, hours) {
    var options = every >= 86400000 ? { day: 'numeric', month: 'short' }
      : hours > 24 ? { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' }
        : { hour: '2-digit', minute: '2-digit' };
    return new Intl.DateTimeFormat(C.lang === 'fr' ? 'fr-FR' : 'en-GB', options).format(new Date(ms));
  }

  function clock(value) {
    return new Intl.DateTimeFormat(C.lang === 'fr' ? 'fr-FR' : 'en-GB',
      { dateStyle: 'short', timeStyle: 'short' }).format(new Date(value));
  }

  function missing(v) {
    return v === null || v === undefined;
  }

  function value(v) {
    return missing(v) ? null : Number(v);
  }

  function chartsOf(e) {
    if (chartNodes[e.id]) {
      return chartNodes[e.id];
    }
    var n = {};
    n.title = C.el('h3', { id: 'charts-title-' + e.id });
    n.rollHolder = C.el('div', { className: 'chart-holder', id: 'chart-roll-' + e.id });
    n.turnoutHolder = C.el('div', { className: 'chart-holder', id: 'chart-turnout-' + e.id });
    n.turnoutEmpty = C.el('p', { className: 'muted', id: 'chart-turnout-empty-' + e.id, key: 'chartTurnoutEmpty',
      hidden: true });
    n.caption = C.el('caption', { id: 'chart-caption-' + e.id });
    n.body = C.el('tbody');
    n.details = C.el('details', { className: 'chart-figures', id: 'chart-figures-' + e.id }, [
      C.el('summary', { key: 'figuresSummary' }),
      // scrolled sideways on a phone: a region the keyboard can reach
      C.el('div', { className: 'table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'chart-caption-' + e.id }, [
        C.el('table', { id: 'chart-table-' + e.id }, [n.caption,
        C.el('thead', {}, [C.el('tr', {}, [C.el('th', { scope: 'col', key: 'colAt' }),
          C.el('th', { scope: 'col', className: 'number', key: 'colRegistered' }),
          C.el('th', { scope: 'col', className: 'number', key: 'colRegistrantsAt' }),
          C.el('th', { scope: 'col', className: 'number', key: 'colOnRollAt' }),
          C.el('th', { scope: 'col', className: 'number', key: 'colBallotsAt' }),
          C.el('th', { scope: 'col', className: 'number', key: 'colTurnoutAt' })])]), n.body])])]);
    n.article = C.el('article', { className: 'election-charts', id: 'charts-' + e.id,
      'aria-labelledby': 'charts-title-' + e.id }, [n.title,
      C.el('figure', { className: 'chart' }, [C.el('figcaption', {}, [C.el('h4', { key: 'chartRollTitle' }),
        C.el('ul', { className: 'legend' }, [
          C.el('li', {}, [C.el('span', { className: 'swatch registrants', 'aria-hidden': 'true' }),
            C.el('span', { key: 'legendRegistrants' })]),
          C.el('li', {}, [C.el('span', { className: 'swatch on-roll', 'aria-hidden': 'true' }),
            C.el('span', { key: 'legendOnRoll' })])])]), n.rollHolder]),
      C.el('figure', { className: 'chart' }, [C.el('figcaption', {}, [C.el('h4', { key: 'chartTurnoutTitle' }),
        C.el('ul', { className: 'legend' }, [C.el('li', {}, [C.el('span', { className: 'swatch turnout',
          'aria-hidden': 'true' }), C.el('span', { key: 'legendTurnout' })])])]), n.turnoutEmpty, n.turnoutHolder]),
      n.details]);
    chartNodes[e.id] = n;
    return n;
  }

  function draw(id) {
    var data = chartData[id];
    var n = chartNodes[id];
    if (!data || !n) {
      return;
    }
    var tl = data.timeline;
    var hours = data.hours;
    var spanText = C.t('spanText' + hours);
    var points = tl.points || [];
    var times = points.map(function (p) {
      return new Date(p.at).getTime();
    });
    var last = points[points.length - 1] || {};
    var width = n.article.clientWidth || 600;
    C.plain(n.title, data.title);

    var registered = points.reduce(function (sum, p) {
      return sum + (p.registered || 0);
    }, 0);
    var rollLabel = missing(last.registrants)
      ? C.t('chartRollEmpty', [C.t('chartRollTitle'), spanText])
      : C.t('chartRollLabel', [C.t('chartRollTitle'), spanText, C.number(last.registrants), C.number(last.onRoll),
        clock(last.at), C.number(registered)]);
    C.clear(n.rollHolder).appendChild(window.OPCharts.line({ width: width, title: C.t('chartRollTitle'),
      label: rollLabel, yTitle: C.t('chartPeople'), times: times, yFloor: 4, yWhole: true,
      series: [
        { className: 'on-roll', area: true, values: points.map(function (p) { return value(p.onRoll); }) },
        { className: 'registrants', values: points.map(function (p) { return value(p.registrants); }) }],
      yFormat: function (v) { return C.number(v); },
      xFormat: function (t, every) { return tick(t, every, hours); } }));

    var turnout = points.map(function (p) {
      return value(p.turnoutPercent);
    });
    var lastTurnout = null;
    points.forEach(function (p) {
      if (!missing(p.turnoutPercent)) {
        lastTurnout = p;
      }
    });
    n.turnoutEmpty.hidden = lastTurnout !== null;
    C.clear(n.turnoutHolder);
    if (lastTurnout) {
      n.turnoutHolder.appendChild(window.OPCharts.line({ width: width, title: C.t('chartTurnoutTitle'),
        label: C.t('chartTurnoutLabel', [C.t('chartTurnoutTitle'), spanText,
          C.number(parseFloat(lastTurnout.turnoutPercent), { minimumFractionDigits: 2 }), C.number(lastTurnout.ballots),
          C.number(tl.rollSize), clock(lastTurnout.at)]),
        yTitle: C.t('chartPercent'), times: times, yFloor: 1, yCap: 100, series: [{ className: 'turnout', area: true,
          values: turnout }],
        yFormat: function (v) { return C.number(v, { maximumFractionDigits: 1 }) + C.NBSP + '%'; },
        xFormat: function (t, every) { return tick(t, every, hours); } }));
    }

    C.say(n.caption, 'figuresCaption', function () {
      return [data.title, C.t('spanText' + hours)];
    });
    C.clear(n.body);
    points.forEach(function (p) {
      n.body.appendChild(C.el('tr', {}, [C.el('th', { scope: 'row', text: clock(p.at) }),
        C.el('td', { className: 'number', text: C.number(p.registered || 0) }),
        C.el('td', { className: 'number', text: missing(p.registrants) ? C.t('none') : C.number(p.registrants) }),
        C.el('td', { className: 'number', text: missing(p.onRoll) ? C.t('none') : C.number(p.onRoll) }),
        C.el('td', { className: 'number', text: missing(p.ballots) ? C.t('none') : C.number(p.ballots) }),
        C.el('td', { className: 'number', text: missing(p.turnoutPercent) ? C.t('none')
          : C.number(parseFloat(p.turnoutPercent), { minimumFractionDigits: 2 }) + C.NBSP + '%' })]));
    });
  }

  function loadCharts(elections) {
    var section = document.getElementById('charts-section');
    var holder = document.getElementById('charts');
    var hours = span();
    var shown = {};
    section.hidden = elections.length === 0;
    elections.forEach(function (e) {
      shown[e.id] = true;
      var n = chartsOf(e);
      holder.appendChild(n.article); // in the table's order; a node already there only moves
      C.call('GET', 'api/elections/' + e.id + '/timeline?hours=' + hours).then(function (answer) {
        if (answer.status === 200 && answer.data && span() === hours) {
          chartData[e.id] = { timeline: answer.data, title: e.title, hours: hours };
          draw(e.id);
        }
      });
    });
    Object.keys(chartNodes).forEach(function (id) {
      if (!shown[id]) {
        chartNodes[id].article.remove();
        delete chartNodes[id];
        delete chartData[id];
      }
    });
  }

  function drawAll() {
    Object.keys(chartData).forEach(draw);
  }

  C.onLanguage(drawAll);
  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(drawAll, 200);
  });
  var lastElections = [];
  document.getElementById('span').addEventListener('change', function () {
    loadCharts(lastElections);
  });

  function row(e) {
    var registrants = C.el('td', { className: 'number', text: '…' });
    var onRoll = C.el('td', { className: 'number', text: '…' });
    var ballots = C.el('td', { className: 'number', text: C.t('none') });
    var signedIn = C.el('td', { className: 'number', text: C.t('none') });
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
      // voters who asked for a code and did not vote (a count, never who: docs/minutes.md)
      C.call('GET', 'api/elections/' + e.id + '/attendance').then(function (answer) {
        if (answer.status === 200 && answer.data) {
          C.plain(signedIn, C.number(answer.data.signedInWithoutVoting));
        }
      });
    }
    return C.el('tr', {}, [C.el('th', { scope: 'row' }, [C.el('a', { href: 'election.html#e=' + e.id, text: e.title })]),
      C.el('td', { text: C.t('state_' + e.state) }), registrants, onRoll, signedIn, ballots, turnout]);
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
      lastElections = (answer.data || []).filter(function (e) {
        return e.state !== 'DRAFT';
      });
      lastElections.forEach(function (e) {
        body.appendChild(row(e));
      });
      loadCharts(lastElections);
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
