// An election's registration funnel (funnel.html#e=<election>, docs/support.md): registrations started,
// verified per factor, on the roll, refused and struck off per reason code, and delivery failures per
// email domain and phone country over a window; an organizer resends the email links whose last one
// was not delivered ("resend to failed only"). Counts only: no name, number or address.
(function () {
  'use strict';
  var C = window.OPC;
  var NBSP = C.NBSP;

  C.texts({
    fr: {
      pageTitle: 'Parcours d’inscription', back: '‹ L’élection', heading: 'Parcours d’inscription' + NBSP + ': {0}',
      intro: 'Combien de personnes ont commencé à s’inscrire, vérifié chaque élément et rejoint la liste'
        + ' électorale, d’après le registre de la liste (une personne qui s’est retirée compte encore comme'
        + ' inscription commencée).',
      badId: 'Cette adresse ne désigne aucune élection.', loadFailed: 'Chargement impossible' + NBSP + ': {0}',
      notOpened: 'Les inscriptions n’ont pas encore ouvert pour cette élection.',
      stepsTitle: 'Étapes', colStep: 'Étape', colCount: 'Nombre', colShare: 'Part des inscriptions',
      stepStarted: 'Inscriptions commencées', stepVerified: 'Vérifié' + NBSP + ': {0}',
      stepReached: 'Arrivées sur la liste', stepOnRoll: 'Sur la liste aujourd’hui', stepWithdrawn: 'Retraits',
      stepReinstated: 'Réinscrites après appel',
      stepFeePaid: 'Participations aux frais payées', stepFeeRefundDue: 'Participations à rembourser (retraits)',
      stepFeeCollected: 'Total perçu',
      factor_PHONE: 'téléphone', factor_EMAIL: 'courriel', factor_CARD: 'carte bancaire',
      refusedTitle: 'Refus et radiations, par motif', colReason: 'Motif', colKind: 'Nature',
      kindRefused: 'inscription refusée', kindStruck: 'radiation',
      noRefusal: 'Aucun refus ni aucune radiation.',
      deliveryTitle: 'Échecs de remise', window: 'Période', hours_24: 'dernières 24 heures',
      hours_72: '3 derniers jours', hours_168: '7 derniers jours', show: 'Afficher',
      deliveryHint: 'Par domaine de courriel et par pays de téléphone, pour tous les messages de la plateforme'
        + ' sur la période (les messages ne sont pas rattachés à une élection). Les alertes d’abord.',
      noDelivery: 'Aucun message confié aux opérateurs sur la période.',
      colWhere: 'Domaine ou pays', colHanded: 'Confiés', colFailed: 'En échec', colRetrying: 'À réessayer',
      colRate: 'Taux d’échec', colAlert: 'Alerte', alertYes: 'oui' + NBSP + ': {0}', alertNo: 'non',
      phoneCountry: 'téléphone, {0}',
      resendTitle: 'Renvoyer aux seuls échecs',
      resendIntro: 'Un nouveau lien de vérification à chaque personne dont le courriel n’est pas vérifié et dont'
        + ' le dernier lien n’a pas été remis (échec définitif ou non-remise signalée). La limite de 5 liens par'
        + ' personne s’applique. Les codes par SMS ne sont pas concernés' + NBSP + ': leur remise n’est pas connue ici.',
      resendButton: 'Renvoyer les liens non remis',
      resendDone: '{0} inscription(s) examinée(s)' + NBSP + ': {1} dernier(s) lien(s) non remis, {2} renvoyé(s),'
        + ' {3} déjà à la limite de 5 liens.',
      resendClosed: 'Les inscriptions sont closes' + NBSP + ': plus aucun lien n’est envoyé.'
    },
    en: {
      pageTitle: 'Registration funnel', back: '‹ The election', heading: 'Registration funnel: {0}',
      intro: 'How many people started to register, verified each factor and reached the roll, from the roll’s'
        + ' ledger (someone who withdrew still counts as a registration started).',
      badId: 'This address names no election.', loadFailed: 'Could not load: {0}',
      notOpened: 'Registration has not opened yet for this election.',
      stepsTitle: 'Steps', colStep: 'Step', colCount: 'Count', colShare: 'Share of registrations',
      stepStarted: 'Registrations started', stepVerified: 'Verified: {0}',
      stepReached: 'Reached the roll', stepOnRoll: 'On the roll now', stepWithdrawn: 'Withdrawals',
      stepReinstated: 'Reinstated on appeal',
      stepFeePaid: 'Participation fees paid', stepFeeRefundDue: 'Fees to refund (withdrawals)',
      stepFeeCollected: 'Total collected',
      factor_PHONE: 'phone', factor_EMAIL: 'email', factor_CARD: 'bank card',
      refusedTitle: 'Refusals and strike-offs, per reason', colReason: 'Reason', colKind: 'Kind',
      kindRefused: 'registration refused', kindStruck: 'struck off',
      noRefusal: 'No refusal and no strike-off.',
      deliveryTitle: 'Delivery failures', window: 'Period', hours_24: 'last 24 hours',
      hours_72: 'last 3 days', hours_168: 'last 7 days', show: 'Show',
      deliveryHint: 'Per email domain and per phone country, for all the platform’s messages over the period'
        + ' (messages are not tied to an election). Alerts first.',
      noDelivery: 'No message was handed to the carriers over the period.',
      colWhere: 'Domain or country', colHanded: 'Handed over', colFailed: 'Failed', colRetrying: 'Retrying',
      colRate: 'Failure rate', colAlert: 'Alert', alertYes: 'yes: {0}', alertNo: 'no',
      phoneCountry: 'phone, {0}',
      resendTitle: 'Resend to failed only',
      resendIntro: 'A new verification link to each person whose email is not verified and whose last link was'
        + ' not delivered (failed for good, or reported undelivered). The limit of 5 links per person applies.'
        + ' SMS codes are not included: their delivery is not known here.',
      resendButton: 'Resend the undelivered links',
      resendDone: '{0} registration(s) checked: {1} last link(s) undelivered, {2} resent, {3} already at the limit'
        + ' of 5 links.',
      resendClosed: 'Registration is closed: no link is sent any more.'
    }
  });

  var id = null;
  var hours = 24;

  function $(name) {
    return document.getElementById(name);
  }

  function share(count, started) {
    return started ? C.number(count / started, { style: 'percent', maximumFractionDigits: 1 }) : C.t('none');
  }

  function render(f) {
    C.say($('heading'), 'heading', [f.electionTitle]);
    var steps = C.clear(document.querySelector('#steps tbody'));
    var rows = [['stepStarted', [], f.started]];
    Object.keys(f.verified || {}).forEach(function (factor) {
      rows.push(['stepVerified', function () {
        return [C.t('factor_' + factor)];
      }, f.verified[factor], 'verified-' + factor]);
    });
    rows.push(['stepReached', [], f.reachedRoll], ['stepOnRoll', [], f.onRoll, 'on-roll'],
      ['stepWithdrawn', [], f.withdrawn], ['stepReinstated', [], f.reinstated]);
    if (f.fees && f.fees.feeCents > 0) {
      // the participation fee, from the ledger's FEE_PAID and FEE_REFUND_DUE entries
      rows.push(['stepFeePaid', [], f.fees.paid, 'fee-paid'], ['stepFeeRefundDue', [], f.fees.refundsDue, 'fee-refund-due'],
        ['stepFeeCollected', [], null, 'fee-collected',
          C.number(f.fees.collectedCents / 100, { style: 'currency', currency: f.fees.currency })]);
    }
    rows.forEach(function (r) {
      steps.appendChild(C.el('tr', { id: r[3] ? 'step-' + r[3] : null }, [
        C.el('th', { scope: 'row', key: r[0], params: r[1] }),
        C.el('td', { className: 'number', text: r[4] !== undefined ? r[4] : C.number(r[2]) }),
        C.el('td', { className: 'number', text: r[4] !== undefined ? '' : share(r[2], f.started) })
      ]));
    });

    var refused = C.clear(document.querySelector('#refused tbody'));
    var reasons = (f.refused || []).map(function (r) {
      return [r, 'kindRefused'];
    }).concat((f.struckOff || []).map(function (r) {
      return [r, 'kindStruck'];
    }));
    reasons.forEach(function (item) {
      refused.appendChild(C.el('tr', { 'data-reason': item[0].reason }, [
        C.el('th', { scope: 'row', key: 'reason_' + item[0].reason }),
        C.el('td', { key: item[1] }),
        C.el('td', { className: 'number', text: C.number(item[0].count) })
      ]));
    });
    $('refused').hidden = reasons.length === 0;
    $('refused-empty').hidden = reasons.length > 0;

    var delivery = C.clear(document.querySelector('#delivery tbody'));
    var d = f.delivery || { email: [], sms: [] };
    var lines = (d.email || []).concat(d.sms || []);
    lines.forEach(function (row) {
      var where = row.domain ? C.el('th', { scope: 'row', text: row.domain })
        : C.el('th', { scope: 'row', key: 'phoneCountry', params: [row.country] });
      delivery.appendChild(C.el('tr', { className: row.alert ? 'alerting' : null }, [where,
        C.el('td', { className: 'number', text: C.number(row.handed) }),
        C.el('td', { className: 'number', text: C.number(row.refused + row.undelivered) }),
        C.el('td', { className: 'number', text: C.number(row.retrying) }),
        C.el('td', { className: 'number', text: row.failureRate }),
        row.alert ? C.el('td', { key: 'alertYes', params: [row.why] }) : C.el('td', { key: 'alertNo' })
      ]));
    });
    $('delivery').hidden = lines.length === 0;
    $('delivery-empty').hidden = lines.length > 0;

    $('resend-section').hidden = !(C.has('organizer') && f.registrationOpen);
    $('funnel').hidden = false;
  }

  function load() {
    C.say($('load-status'), 'loading');
    return C.call('GET', 'api/elections/' + id + '/funnel?hours=' + hours).then(function (answer) {
      if (answer.status === 200 && answer.data) {
        C.plain($('load-status'), '');
        render(answer.data);
        return;
      }
      $('funnel').hidden = true;
      if (answer.status === 404) {
        C.say($('load-status'), 'notOpened');
      } else if (answer.status !== 401) {
        var said = C.problemText(answer);
        C.say($('load-status'), 'loadFailed', [C.t(said[0], said[1])]);
      }
    });
  }

  function buildForms() {
    var form = $('window-form');
    form.className = 'actions';
    form.appendChild(C.field({ id: 'hours', label: 'window', field: 'hours',
      options: [['24', 'hours_24'], ['72', 'hours_72'], ['168', 'hours_168']] }));
    form.appendChild(C.el('button', { type: 'submit', className: 'secondary', id: 'show', key: 'show' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      hours = parseInt($('hours').value, 10) || 24;
      load();
    });
    var resend = $('resend-form');
    resend.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(resend);
      $('resend-done').hidden = true;
      var button = $('resend-failed');
      button.disabled = true;
      C.call('POST', 'api/elections/' + id + '/funnel/resend-failed').then(function (answer) {
        button.disabled = false;
        var node;
        if (answer.status === 200 && answer.data) {
          var r = answer.data;
          node = C.say($('resend-done'), 'resendDone', [r.checked, r.failed, r.resent, r.atLimit]);
          node.hidden = false;
          load();
        } else if (answer.status === 409) {
          node = C.fieldMessage(resend, '*', 'resendClosed');
        } else {
          node = C.showProblem(resend, answer);
        }
        if (node) {
          C.focus(node);
        }
      });
    });
  }

  C.start({
    ready: function () {
      id = C.fragment().get('e');
      if (!C.isId(id)) {
        C.say($('load-status'), 'badId');
        return;
      }
      $('back').href = 'election.html#e=' + id;
      C.say($('heading'), 'pageTitle');
      buildForms();
      C.setLanguage(C.lang);
      load();
    },
    refresh: function () {
      if (C.isId(id)) {
        load();
      }
    }
  });
}());
