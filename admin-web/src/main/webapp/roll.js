// An election's roll (roll.html#e=<election>, docs/strike-offs.md): find a registrant (help code,
// the phone's last digits, the beginning of the email or of the name; masked data only), strike
// them off with a reason after an inline confirmation (at once while registration is open,
// proposed to a bailiff once the seal is proposed); the bailiff's queue of proposals to confirm or
// refuse; the appeals of those struck off, decided by an organizer with a note (and a bailiff's
// confirmation of a reinstatement on a frozen roll); the import of a member list with its report
// line by line; and the roll's ledger: why every figure is what it is.
(function () {
  'use strict';
  var C = window.OPC;
  var NBSP = C.NBSP;
  var REASONS = ['DUPLICATE_PERSON', 'NOT_ELIGIBLE', 'IDENTITY_FRAUD', 'AT_OWN_REQUEST', 'DECISION_OF_AUTHORITY'];
  var SEARCHERS = ['organizer', 'bailiff', 'operator', 'auditor'];
  var LEDGER_PAGE = 100;
  var CHANGEABLE = { REGISTRATION: true, SEALED: true, VOTING: true };

  C.texts({
    fr: {
      pageTitle: 'Liste électorale', back: '‹ L’élection', heading: 'Liste électorale' + NBSP + ': {0}',
      intro: 'Trouvez un inscrit, radiez-le avec un motif, traitez les recours et lisez pourquoi la liste a changé.'
        + ' Les données personnelles sont masquées' + NBSP + '; chaque recherche est inscrite au journal d’audit.',
      badId: 'Cette adresse ne désigne aucune élection.', loadFailed: 'Chargement impossible' + NBSP + ': {0}',
      searchTitle: 'Trouver un inscrit', qLabel: 'Code d’aide, fin du téléphone, début du courriel ou du nom',
      qHint: 'Par exemple K3F9-7QXM-4, 5678 (4 chiffres au moins), camille.d ou Dur (2 lettres au moins), ou'
        + ' Camille Dur. 50 résultats au plus.',
      qMissing: 'Saisissez ce que vous cherchez.', searchSubmit: 'Chercher', searchForbidden: 'La recherche dans la'
        + ' liste est réservée aux organisateurs, huissiers, opérateurs et auditeurs.',
      resultsCaption: 'Inscrits trouvés (données masquées)',
      colName: 'Nom', colHelpCode: 'Code d’aide', colContacts: 'Téléphone, courriel', colStatus: 'Situation',
      colActions: 'Actions', colProposed: 'Proposée', colReason: 'Motif', colRegistrant: 'Inscrit',
      colAppeal: 'Recours', colDeadline: 'À décider avant', colLine: 'Ligne', colField: 'Colonne',
      colProblem: 'Problème', colSeq: 'N°', colWhen: 'Quand', colWhat: 'Quoi, pourquoi', colBy: 'Par qui',
      colChange: 'Variation', colRoll: 'Sur la liste', colRegistrants: 'Inscrits',
      found: '{0} inscrit(s) trouvé(s) ({1}).', foundMore: 'Plus de {0} inscrits trouvés ({1})' + NBSP + ': seuls les'
        + ' {0} premiers sont affichés, précisez la recherche.', foundNone: 'Aucun inscrit trouvé ({0}).',
      by_HELP_CODE: 'par code d’aide', by_PHONE: 'par la fin du téléphone', by_EMAIL: 'par le début du courriel',
      by_NAME: 'par le début du nom', by_ID: 'par identifiant',
      rstatus_ON_ROLL: 'sur la liste', rstatus_PENDING: 'inscription inachevée', rstatus_STRUCK_OFF: 'radié',
      missing: 'manque' + NBSP + ': {0}', struckLine: '{0}, le {1}', awaiting: 'radiation proposée, en attente d’un'
        + ' huissier', imported: 'membre importé',
      factor_PHONE: 'téléphone', factor_EMAIL: 'courriel', factor_CARD: 'carte bancaire',
      reason_DUPLICATE_PERSON: 'doublon (même personne inscrite deux fois)',
      reason_NOT_ELIGIBLE: 'ne remplit pas les conditions',
      reason_IDENTITY_FRAUD: 'usurpation d’identité', reason_AT_OWN_REQUEST: 'à sa demande',
      reason_DECISION_OF_AUTHORITY: 'décision d’une autorité', reasonNone: '—',
      strikeOff: 'Radier', strikeOffOf: 'Radier {0}', strikeText: 'Radier {0} ({1}) de la liste' + NBSP + '?',
      strikeRule: 'Tant que les inscriptions sont ouvertes, la radiation est immédiate. Une fois le sceau proposé,'
        + ' elle est proposée à un huissier, une autre personne, qui la confirme ou la refuse. Qui a déjà voté ne'
        + ' peut pas être radié.',
      reasonLabel: 'Motif', reasonChoose: 'Choisissez un motif', reasonMissing: 'Choisissez le motif de la radiation.',
      strikeYes: 'Oui, radier', strikeNo: 'Ne rien faire',
      struckNow: '{0} est radié·e de la liste ({1}).',
      proposedNow: 'Radiation de {0} proposée ({1})' + NBSP + ': elle attend la décision d’un huissier, une autre'
        + ' personne.',
      pendingTitle: 'Radiations en attente d’un huissier',
      pendingIntro: 'Un organisateur a proposé ces radiations après la proposition du sceau. Confirmez-les ou'
        + ' refusez-les' + NBSP + '; vous ne pouvez pas décider une radiation que vous avez proposée.',
      pendingCaption: 'Propositions de radiation', noPending: 'Aucune radiation n’attend de décision.',
      proposedBy: 'le {0}, par {1}', confirm: 'Confirmer', refuse: 'Refuser',
      confirmOf: 'Confirmer la radiation proposée le {0}', refuseOf: 'Refuser la radiation proposée le {0}',
      confirmedNow: 'Radiation confirmée' + NBSP + ': la personne ne peut plus voter.',
      refusedNow: 'Radiation refusée' + NBSP + ': rien ne change.',
      appealsTitle: 'Recours',
      appealsIntro: 'Une personne radiée peut faire un recours dans les 7 jours' + NBSP + '; un organisateur décide dans'
        + ' les 3 jours, avec une note. Une fois la liste figée, une réinscription est confirmée par un huissier.',
      appealsCaption: 'Les recours, ceux en attente d’abord', noAppeals: 'Aucun recours.',
      astatus_FILED: 'en attente d’un organisateur', astatus_UPHELD: 'radiation maintenue',
      astatus_REINSTATEMENT_PROPOSED: 'réinscription proposée, en attente d’un huissier',
      astatus_REINSTATED: 'réinscrit·e', filedOn: 'déposé le {0}', overdue: 'en retard',
      decidedLine: 'par {0}, le {1}', noteLine: 'Note' + NBSP + ': {0}',
      decide: 'Décider', decideOf: 'Décider le recours de {0}', decideText: 'Recours de {0} ({1})',
      decisionLabel: 'Décision', decision_UPHELD: 'Maintenir la radiation', decision_REINSTATED: 'Réinscrire',
      decisionMissing: 'Choisissez une décision.', noteLabel: 'Note (pourquoi)',
      noteHint: '500 caractères au plus. La personne ne la lit pas' + NBSP + '; elle reste dans le dossier.',
      decideYes: 'Enregistrer la décision', decideNo: 'Ne rien faire',
      upheldNow: 'La radiation de {0} est maintenue.', reinstatedNow: '{0} est de nouveau sur la liste.',
      reinstatementProposedNow: 'Réinscription de {0} proposée' + NBSP + ': elle attend la confirmation d’un huissier.',
      confirmReinstatement: 'Confirmer la réinscription', confirmReinstatementOf: 'Confirmer la réinscription de {0}',
      reinstatementConfirmedNow: '{0} est réinscrit·e' + NBSP + ': la personne peut voter.',
      importTitle: 'Importer la liste des membres',
      importIntro: 'Un fichier CSV avec une ligne d’en-tête' + NBSP + ': member_id, first_name, last_name, email, phone.'
        + ' Importer deux fois le même fichier ne change rien' + NBSP + '; les membres vérifient ensuite leurs preuves.',
      fileLabel: 'Fichier CSV', csvLabel: '… ou son contenu, collé ici',
      csvHint: 'La première ligne est l’en-tête.', csvMissing: 'Choisissez un fichier ou collez la liste.',
      fileUnreadable: 'Ce fichier n’a pas pu être lu.',
      partialLegend: 'Si des lignes sont fausses', acceptValid: 'importer quand même les lignes justes',
      importSubmit: 'Importer', reportTitle: 'Compte rendu de l’import', reportCaption: 'Lignes refusées',
      reportApplied: '{0} ligne(s) lue(s)' + NBSP + ': {1} membre(s) importé(s), {2} déjà importé(s), {3} ligne(s)'
        + ' refusée(s).',
      reportNotApplied: '{0} ligne(s) lue(s), {1} refusée(s)' + NBSP + ': rien n’a été importé. Corrigez ces lignes, ou'
        + ' cochez «' + NBSP + 'importer quand même les lignes justes' + NBSP + '».',
      ledgerTitle: 'Pourquoi le nombre a changé',
      ledgerIntro: 'Chaque changement de la liste est une entrée de son registre, chaînée à la précédente. Le registre'
        + ' ne nomme personne' + NBSP + ': qui a agi est au journal d’audit.',
      ledgerCaption: 'Registre de la liste, du plus récent au plus ancien', noLedger: 'Le registre est vide.',
      ledgerShown: '{0} entrée(s) affichée(s), la dernière' + NBSP + ': n°' + NBSP + '{1}.',
      ledgerOlder: 'Entrées plus anciennes',
      kind_REGISTRATION_OPENED: 'Inscriptions ouvertes', kind_REGISTERED: 'Inscription',
      kind_FACTOR_VERIFIED: 'Preuve vérifiée', kind_ADDED_TO_ROLL: 'Inscrit·e sur la liste',
      kind_REFUSED_DUPLICATE: 'Inscription refusée (doublon)', kind_WITHDRAWN: 'Retrait (inscription inachevée)',
      kind_WITHDRAWN_FROM_ROLL: 'Retrait de la liste', kind_REGISTRATION_CLOSED: 'Inscriptions closes (liste figée)',
      kind_MEMBER_IMPORTED: 'Membre importé', kind_STRUCK_OFF: 'Radiation', kind_REINSTATED: 'Réinscription sur recours',
      who_citizen: 'le citoyen', who_platform: 'la plateforme', who_organizer: 'un organisateur',
      who_twoPeople: 'un organisateur (et un huissier une fois la liste figée)'
    },
    en: {
      pageTitle: 'Roll', back: '‹ The election', heading: 'Roll: {0}',
      intro: 'Find a registrant, strike them off with a reason, handle the appeals and read why the roll changed.'
        + ' Personal data are masked; every search is in the audit trail.',
      badId: 'This address names no election.', loadFailed: 'Could not load: {0}',
      searchTitle: 'Find a registrant', qLabel: 'Help code, end of the phone, start of the email or of the name',
      qHint: 'For example K3F9-7QXM-4, 5678 (4 digits at least), camille.d or Dur (2 letters at least), or'
        + ' Camille Dur. 50 results at most.',
      qMissing: 'Type what you are looking for.', searchSubmit: 'Search', searchForbidden: 'Searching the roll is for'
        + ' organizers, bailiffs, operators and auditors.',
      resultsCaption: 'Registrants found (masked data)',
      colName: 'Name', colHelpCode: 'Help code', colContacts: 'Phone, email', colStatus: 'Status',
      colActions: 'Actions', colProposed: 'Proposed', colReason: 'Reason', colRegistrant: 'Registrant',
      colAppeal: 'Appeal', colDeadline: 'Decide by', colLine: 'Line', colField: 'Column',
      colProblem: 'Problem', colSeq: 'No.', colWhen: 'When', colWhat: 'What, why', colBy: 'By whom',
      colChange: 'Change', colRoll: 'On the roll', colRegistrants: 'Registrants',
      found: '{0} registrant(s) found ({1}).', foundMore: 'More than {0} registrants found ({1}): only the first {0}'
        + ' are shown; narrow the search.', foundNone: 'No registrant found ({0}).',
      by_HELP_CODE: 'by help code', by_PHONE: 'by the end of the phone', by_EMAIL: 'by the start of the email',
      by_NAME: 'by the start of the name', by_ID: 'by id',
      rstatus_ON_ROLL: 'on the roll', rstatus_PENDING: 'registration not finished', rstatus_STRUCK_OFF: 'struck off',
      missing: 'missing: {0}', struckLine: '{0}, on {1}', awaiting: 'strike-off proposed, awaiting a bailiff',
      imported: 'imported member',
      factor_PHONE: 'phone', factor_EMAIL: 'email', factor_CARD: 'bank card',
      reason_DUPLICATE_PERSON: 'duplicate (the same person registered twice)',
      reason_NOT_ELIGIBLE: 'not eligible',
      reason_IDENTITY_FRAUD: 'identity fraud', reason_AT_OWN_REQUEST: 'at their own request',
      reason_DECISION_OF_AUTHORITY: 'decision of an authority', reasonNone: '—',
      strikeOff: 'Strike off', strikeOffOf: 'Strike off {0}', strikeText: 'Strike {0} ({1}) off the roll?',
      strikeRule: 'While registration is open, a strike-off is immediate. Once the seal is proposed, it is proposed'
        + ' to a bailiff, another person, who confirms or refuses it. Someone who has voted cannot be struck off.',
      reasonLabel: 'Reason', reasonChoose: 'Choose a reason', reasonMissing: 'Choose the reason for the strike-off.',
      strikeYes: 'Yes, strike off', strikeNo: 'Do nothing',
      struckNow: '{0} is struck off the roll ({1}).',
      proposedNow: 'Strike-off of {0} proposed ({1}): it awaits the decision of a bailiff, another person.',
      pendingTitle: 'Strike-offs awaiting a bailiff',
      pendingIntro: 'An organizer proposed these strike-offs after the seal proposal. Confirm or refuse them; you'
        + ' cannot decide a strike-off you proposed.',
      pendingCaption: 'Strike-off proposals', noPending: 'No strike-off awaits a decision.',
      proposedBy: 'on {0}, by {1}', confirm: 'Confirm', refuse: 'Refuse',
      confirmOf: 'Confirm the strike-off proposed on {0}', refuseOf: 'Refuse the strike-off proposed on {0}',
      confirmedNow: 'Strike-off confirmed: the person can no longer vote.',
      refusedNow: 'Strike-off refused: nothing changes.',
      appealsTitle: 'Appeals',
      appealsIntro: 'Someone struck off may appeal within 7 days; an organizer decides within 3 days, with a note.'
        + ' Once the roll is frozen, a reinstatement is confirmed by a bailiff.',
      appealsCaption: 'The appeals, those waiting first', noAppeals: 'No appeal.',
      astatus_FILED: 'awaiting an organizer', astatus_UPHELD: 'strike-off upheld',
      astatus_REINSTATEMENT_PROPOSED: 'reinstatement proposed, awaiting a bailiff',
      astatus_REINSTATED: 'reinstated', filedOn: 'filed on {0}', overdue: 'overdue',
      decidedLine: 'by {0}, on {1}', noteLine: 'Note: {0}',
      decide: 'Decide', decideOf: 'Decide the appeal of {0}', decideText: 'Appeal of {0} ({1})',
      decisionLabel: 'Decision', decision_UPHELD: 'Uphold the strike-off', decision_REINSTATED: 'Reinstate',
      decisionMissing: 'Choose a decision.', noteLabel: 'Note (why)',
      noteHint: '500 characters at most. The person does not read it; it stays in the file.',
      decideYes: 'Record the decision', decideNo: 'Do nothing',
      upheldNow: 'The strike-off of {0} is upheld.', reinstatedNow: '{0} is on the roll again.',
      reinstatementProposedNow: 'Reinstatement of {0} proposed: it awaits a bailiff’s confirmation.',
      confirmReinstatement: 'Confirm the reinstatement', confirmReinstatementOf: 'Confirm the reinstatement of {0}',
      reinstatementConfirmedNow: '{0} is reinstated: the person may vote.',
      importTitle: 'Import the member list',
      importIntro: 'A CSV file with a header line: member_id, first_name, last_name, email, phone. Importing the same'
        + ' file twice changes nothing; members then verify their proofs.',
      fileLabel: 'CSV file', csvLabel: '… or its content, pasted here',
      csvHint: 'The first line is the header.', csvMissing: 'Choose a file or paste the list.',
      fileUnreadable: 'This file could not be read.',
      partialLegend: 'If some lines are wrong', acceptValid: 'import the right lines anyway',
      importSubmit: 'Import', reportTitle: 'Import report', reportCaption: 'Lines refused',
      reportApplied: '{0} line(s) read: {1} member(s) imported, {2} already imported, {3} line(s) refused.',
      reportNotApplied: '{0} line(s) read, {1} refused: nothing was imported. Correct these lines, or tick “import the'
        + ' right lines anyway”.',
      ledgerTitle: 'Why the count changed',
      ledgerIntro: 'Every change of the roll is an entry of its ledger, chained to the previous one. The ledger names'
        + ' nobody: who acted is in the audit trail.',
      ledgerCaption: 'The roll’s ledger, newest first', noLedger: 'The ledger is empty.',
      ledgerShown: '{0} entry(ies) shown, the last: no. {1}.',
      ledgerOlder: 'Older entries',
      kind_REGISTRATION_OPENED: 'Registration opened', kind_REGISTERED: 'Registration',
      kind_FACTOR_VERIFIED: 'Proof verified', kind_ADDED_TO_ROLL: 'Put on the roll',
      kind_REFUSED_DUPLICATE: 'Registration refused (duplicate)', kind_WITHDRAWN: 'Withdrawal (unfinished registration)',
      kind_WITHDRAWN_FROM_ROLL: 'Withdrawal from the roll', kind_REGISTRATION_CLOSED: 'Registration closed (roll frozen)',
      kind_MEMBER_IMPORTED: 'Member imported', kind_STRUCK_OFF: 'Strike-off', kind_REINSTATED: 'Reinstated on appeal',
      who_citizen: 'the citizen', who_platform: 'the platform', who_organizer: 'an organizer',
      who_twoPeople: 'an organizer (and a bailiff once the roll is frozen)'
    }
  });

  // Who acts for each kind of ledger entry, by the rules (docs/strike-offs.md): the ledger itself names nobody.
  var WHO = {
    REGISTRATION_OPENED: 'who_organizer', REGISTERED: 'who_citizen', FACTOR_VERIFIED: 'who_citizen',
    ADDED_TO_ROLL: 'who_platform', REFUSED_DUPLICATE: 'who_platform', WITHDRAWN: 'who_citizen',
    WITHDRAWN_FROM_ROLL: 'who_citizen', REGISTRATION_CLOSED: 'who_organizer', MEMBER_IMPORTED: 'who_organizer',
    STRUCK_OFF: 'who_twoPeople', REINSTATED: 'who_twoPeople'
  };

  var id = C.fragment().get('e') || new URLSearchParams(window.location.search).get('election');
  var election = null;
  var built = false;
  var proposals = [];      // the election's strike-offs (every staff role reads them)
  var target = null;       // the registrant being struck off
  var appealing = null;    // the appeal being decided
  var ledgerRows = [];     // the ledger entries shown, newest first

  function $(name) {
    return document.getElementById(name);
  }

  function base() {
    return 'api/elections/' + id;
  }

  function can(roles) {
    return roles.some(function (role) {
      return C.has(role);
    });
  }

  function announce(key, params) {
    var node = $('action-status');
    C.say(node, key, params);
    node.hidden = false;
    C.focus(node);
  }

  function failed(node, answer) {
    if (answer.status !== 401) {
      var said = C.problemText(answer);
      C.say(node, 'loadFailed', [C.t(said[0], said[1])]);
    }
  }

  function reasonText(code) {
    return code ? C.t('reason_' + code) : C.t('reasonNone');
  }

  // ------------------------------------------------------------------ loading

  function load() {
    if (!C.isId(id)) {
      C.say($('load-status'), 'badId');
      return Promise.resolve();
    }
    $('back').href = 'election.html#e=' + id;
    return C.call('GET', base()).then(function (answer) {
      if (answer.status !== 200) {
        failed($('load-status'), answer);
        return null;
      }
      election = answer.data;
      C.plain($('load-status'), '');
      if (!built) {
        build();
        built = true;
      }
      C.say($('heading'), 'heading', [election.title]);
      $('content').hidden = false;
      $('search').hidden = !can(SEARCHERS);
      $('appeals').hidden = C.has('trustee') && !can(SEARCHERS);
      $('import').hidden = !(C.has('organizer') && election.rollMode === 'IMPORTED' && election.state === 'REGISTRATION');
      $('pending').hidden = !C.has('bailiff');
      return Promise.all([loadStrikeOffs(), loadAppeals(), loadLedger(null)]);
    });
  }

  function loadStrikeOffs() {
    return C.call('GET', base() + '/strike-offs').then(function (answer) {
      if (answer.status !== 200) {
        failed($('pending-status'), answer);
        return;
      }
      proposals = answer.data || [];
      renderPending();
    });
  }

  function waiting(registrantId) {
    return proposals.some(function (p) {
      return p.registrantId === registrantId && p.status === 'PROPOSED';
    });
  }

  // ------------------------------------------------------------------ search

  var lastQuery = null;

  function search(q, quiet) {
    var form = $('search-form');
    C.clearProblems(form);
    if (!q) {
      C.fieldMessage(form, 'q', 'qMissing');
      $('q').focus();
      return Promise.resolve();
    }
    var button = $('search-submit');
    button.disabled = true;
    return C.call('GET', base() + '/roll?q=' + encodeURIComponent(q)).then(function (answer) {
      button.disabled = false;
      if (answer.status !== 200) {
        $('results-wrap').hidden = true;
        C.plain($('search-status'), '');
        var node = C.showProblem(form, answer);
        if (node && !quiet) {
          $('q').focus();
        }
        return;
      }
      lastQuery = q;
      renderResults(answer.data);
    });
  }

  function renderResults(result) {
    var body = C.clear(document.querySelector('#results tbody'));
    var found = result.registrants || [];
    if (!found.length) {
      C.say($('search-status'), 'foundNone', function () {
        return [C.t('by_' + result.by)];
      });
    } else if (result.more) {
      C.say($('search-status'), 'foundMore', function () {
        return [found.length, C.t('by_' + result.by)];
      });
    } else {
      C.say($('search-status'), 'found', function () {
        return [found.length, C.t('by_' + result.by)];
      });
    }
    found.forEach(function (r) {
      body.appendChild(resultRow(r));
    });
    $('results-wrap').hidden = !found.length;
  }

  function resultRow(r) {
    var status = C.el('td', { id: 'status-' + r.registrantId, 'data-status': r.status }, [
      C.el('span', { className: 'status-line', key: 'rstatus_' + r.status })]);
    if (r.status === 'PENDING' && r.missingFactors && r.missingFactors.length) {
      status.appendChild(C.el('br'));
      status.appendChild(C.el('span', { key: 'missing', params: function () {
        return [r.missingFactors.map(function (f) {
          return C.t('factor_' + f);
        }).join(', ')];
      } }));
    }
    if (r.status === 'STRUCK_OFF') {
      status.appendChild(C.el('br'));
      status.appendChild(C.el('span', { key: 'struckLine', params: function () {
        return [reasonText(r.struckOffReason), C.time(r.struckOffAt)];
      } }));
    }
    if (waiting(r.registrantId)) {
      status.appendChild(C.el('br'));
      status.appendChild(C.el('span', { className: 'muted', key: 'awaiting' }));
    }
    if (r.imported) {
      status.appendChild(C.el('br'));
      status.appendChild(C.el('span', { className: 'muted', key: 'imported' }));
    }
    var actions = C.el('div', { className: 'actions' });
    if (C.has('organizer') && r.status === 'ON_ROLL' && CHANGEABLE[election.state] && !waiting(r.registrantId)) {
      var button = C.el('button', { type: 'button', className: 'danger small', id: 'strike-' + r.registrantId,
        key: 'strikeOff' });
      button.setAttribute('aria-label', C.t('strikeOffOf', [r.name]));
      C.onLanguage(function () {
        button.setAttribute('aria-label', C.t('strikeOffOf', [r.name]));
      });
      button.addEventListener('click', function () {
        openStrike(r, button);
      });
      actions.appendChild(button);
    }
    return C.el('tr', { id: 'result-' + r.registrantId }, [
      C.el('th', { scope: 'row', text: r.name }),
      C.el('td', { className: 'code', text: r.helpCode || C.t('none') }),
      C.el('td', {}, [r.phone ? C.el('span', { text: r.phone }) : null, r.phone && r.email ? C.el('br') : null,
        r.email ? C.el('span', { text: r.email }) : null]),
      status, C.el('td', {}, [actions])]);
  }

  // ------------------------------------------------------------------ strike-off

  var opener = null;

  function openStrike(registrant, button) {
    target = registrant;
    opener = button;
    var form = $('strike-form');
    C.clearProblems(form);
    $('reason').value = '';
    C.say($('strike-text'), 'strikeText', [registrant.name, registrant.helpCode || registrant.registrantId]);
    $('strike').hidden = false;
    $('reason').focus();
  }

  function closeStrike() {
    $('strike').hidden = true;
    target = null;
    if (opener && opener.isConnected) {
      opener.focus();
    }
  }

  function strike(event) {
    event.preventDefault();
    var form = $('strike-form');
    C.clearProblems(form);
    if (!target) {
      return;
    }
    var reason = $('reason').value;
    if (!reason) {
      C.fieldMessage(form, 'reason', 'reasonMissing');
      $('reason').focus();
      return;
    }
    var who = target;
    $('strike-yes').disabled = true;
    C.call('POST', base() + '/strike-offs', { registrant: who.registrantId, reason: reason }).then(function (answer) {
      $('strike-yes').disabled = false;
      if (answer.status !== 201) {
        var node = C.showProblem(form, answer);
        if (node) {
          C.focus(node);
        }
        return;
      }
      $('strike').hidden = true;
      target = null;
      var done = answer.data || {};
      loadStrikeOffs().then(function () {
        return Promise.all([lastQuery ? search(lastQuery, true) : null, loadLedger(null)]);
      }).then(function () {
        announce(done.status === 'PROPOSED' ? 'proposedNow' : 'struckNow', function () {
          return [who.name, reasonText(reason)];
        });
      });
    });
  }

  // ------------------------------------------------------------------ the bailiff's queue

  function renderPending() {
    var body = C.clear(document.querySelector('#pending-table tbody'));
    var open = proposals.filter(function (p) {
      return p.status === 'PROPOSED';
    });
    open.forEach(function (p) {
      var actions = C.el('div', { className: 'actions' });
      [['CONFIRMED', 'confirm', 'confirmOf', 'danger'], ['REFUSED', 'refuse', 'refuseOf', 'secondary']]
        .forEach(function (verb) {
          var button = C.el('button', { type: 'button', className: verb[3] + ' small',
            id: verb[1] + '-' + p.id, key: verb[1] });
          var label = function () {
            button.setAttribute('aria-label', C.t(verb[2], [C.time(p.proposedAt)]));
          };
          label();
          C.onLanguage(label);
          button.addEventListener('click', function () {
            decideStrikeOff(p, verb[0], button);
          });
          actions.appendChild(button);
        });
      body.appendChild(C.el('tr', { id: 'proposal-' + p.id }, [
        C.el('td', { key: 'proposedBy', params: function () {
          return [C.time(p.proposedAt), p.proposedBy];
        } }),
        C.el('td', { key: 'asIs', params: function () {
          return [reasonText(p.reason)];
        } }),
        whoIs(p.registrantId),
        C.el('td', {}, [actions])]));
    });
    document.querySelector('#pending .table-wrap').hidden = !open.length;
    if (open.length) {
      C.plain($('pending-status'), '');
    } else {
      C.say($('pending-status'), 'noPending');
    }
  }

  var known = {};   // registrant id -> "Camille D. (K3F9-7QXM-4)", as the search shows them

  /** A cell naming the registrant of a proposal, masked, looked up by their id (the id until then). */
  function whoIs(registrantId) {
    var cell = C.el('td', { className: 'code', text: known[registrantId] || registrantId });
    if (!known[registrantId] && can(SEARCHERS)) {
      C.call('GET', base() + '/roll?q=' + encodeURIComponent(registrantId)).then(function (answer) {
        var found = answer.status === 200 && answer.data && answer.data.registrants[0];
        if (found) {
          known[registrantId] = found.name + (found.helpCode ? ' (' + found.helpCode + ')' : '');
          C.plain(cell, known[registrantId]);
        }
      });
    }
    return cell;
  }

  function decideStrikeOff(proposal, decision, button) {
    var form = $('pending-form');
    C.clearProblems(form);
    button.disabled = true;
    C.call('POST', 'api/bailiff/elections/' + id + '/strike-offs/' + proposal.id, { decision: decision })
      .then(function (answer) {
        button.disabled = false;
        if (answer.status !== 200) {
          var node = C.showProblem(form, answer);
          if (node) {
            C.focus(node);
          }
          return;
        }
        Promise.all([loadStrikeOffs(), loadLedger(null)]).then(function () {
          announce(decision === 'CONFIRMED' ? 'confirmedNow' : 'refusedNow');
        });
      });
  }

  // ------------------------------------------------------------------ appeals

  function loadAppeals() {
    if ($('appeals').hidden) {
      return Promise.resolve();
    }
    return C.call('GET', base() + '/appeals').then(function (answer) {
      if (answer.status !== 200) {
        failed($('appeals-status'), answer);
        return;
      }
      renderAppeals(answer.data || []);
    });
  }

  function renderAppeals(appeals) {
    var body = C.clear(document.querySelector('#appeals-table tbody'));
    var now = Date.now();
    appeals.forEach(function (a) {
      var who = (a.name || '') + (a.helpCode ? ' (' + a.helpCode + ')' : '');
      var deadline = C.el('td', {}, [C.el('span', { text: C.time(a.decideBy) })]);
      if (a.status === 'FILED' && new Date(a.decideBy).getTime() < now) {
        deadline.appendChild(C.el('br'));
        deadline.appendChild(C.el('strong', { className: 'error', key: 'overdue' }));
      }
      var status = C.el('td', { id: 'appeal-status-' + a.id, 'data-status': a.status }, [
        C.el('span', { className: 'status-line', key: 'astatus_' + a.status })]);
      if (a.decidedBy) {
        status.appendChild(C.el('br'));
        status.appendChild(C.el('span', { key: 'decidedLine', params: function () {
          return [a.decidedBy, C.time(a.decidedAt)];
        } }));
      }
      if (a.note) {
        status.appendChild(C.el('br'));
        status.appendChild(C.el('span', { key: 'noteLine', params: [a.note] }));
      }
      var actions = C.el('div', { className: 'actions' });
      if (a.status === 'FILED' && C.has('organizer')) {
        actions.appendChild(button('decide-' + a.id, 'secondary', 'decide', 'decideOf', who, function (b) {
          openDecision(a, who, b);
        }));
      }
      if (a.status === 'REINSTATEMENT_PROPOSED' && C.has('bailiff')) {
        actions.appendChild(button('reinstate-' + a.id, 'primary', 'confirmReinstatement', 'confirmReinstatementOf',
          who, function (b) {
            confirmReinstatement(a, who, b);
          }));
      }
      body.appendChild(C.el('tr', { id: 'appeal-' + a.id }, [
        C.el('th', { scope: 'row', text: who }),
        C.el('td', { key: 'asIs', params: function () {
          return [reasonText(a.reason)];
        } }),
        C.el('td', {}, [C.el('span', { className: 'muted', key: 'filedOn', params: function () {
          return [C.time(a.filedAt)];
        } }), C.el('br'), C.el('span', { className: 'appeal-text', text: a.text })]),
        deadline, status, C.el('td', {}, [actions])]));
    });
    document.querySelector('#appeals .table-wrap').hidden = !appeals.length;
    if (appeals.length) {
      C.plain($('appeals-status'), '');
    } else {
      C.say($('appeals-status'), 'noAppeals');
    }
  }

  function button(buttonId, kind, key, labelKey, who, onClick) {
    var node = C.el('button', { type: 'button', className: kind + ' small', id: buttonId, key: key });
    var label = function () {
      node.setAttribute('aria-label', C.t(labelKey, [who]));
    };
    label();
    C.onLanguage(label);
    node.addEventListener('click', function () {
      onClick(node);
    });
    return node;
  }

  var decideOpener = null;

  function openDecision(appeal, who, opener) {
    appealing = { appeal: appeal, who: who };
    decideOpener = opener;
    var form = $('decide-form');
    C.clearProblems(form);
    form.querySelectorAll('input[name=decision]').forEach(function (input) {
      input.checked = false;
    });
    $('note').value = '';
    C.say($('decide-text'), 'decideText', function () {
      return [who, reasonText(appeal.reason)];
    });
    $('decide').hidden = false;
    $('decision-UPHELD').focus();
  }

  function closeDecision() {
    $('decide').hidden = true;
    appealing = null;
    if (decideOpener && decideOpener.isConnected) {
      decideOpener.focus();
    }
  }

  function decide(event) {
    event.preventDefault();
    var form = $('decide-form');
    C.clearProblems(form);
    if (!appealing) {
      return;
    }
    var chosen = form.querySelector('input[name=decision]:checked');
    if (!chosen) {
      C.fieldMessage(form, 'decision', 'decisionMissing');
      $('decision-UPHELD').focus();
      return;
    }
    var current = appealing;
    $('decide-yes').disabled = true;
    C.call('POST', base() + '/appeals/' + current.appeal.id + '/decision', { decision: chosen.value,
      note: $('note').value }).then(function (answer) {
      $('decide-yes').disabled = false;
      if (answer.status !== 200) {
        var node = C.showProblem(form, answer);
        if (node) {
          C.focus(node);
        }
        return;
      }
      $('decide').hidden = true;
      appealing = null;
      var status = answer.data ? answer.data.status : '';
      Promise.all([loadAppeals(), loadLedger(null), lastQuery ? search(lastQuery, true) : null]).then(function () {
        announce(status === 'UPHELD' ? 'upheldNow' : status === 'REINSTATED' ? 'reinstatedNow'
          : 'reinstatementProposedNow', [current.who]);
      });
    });
  }

  function confirmReinstatement(appeal, who, node) {
    node.disabled = true;
    C.call('POST', 'api/bailiff/elections/' + id + '/appeals/' + appeal.id).then(function (answer) {
      node.disabled = false;
      if (answer.status !== 200) {
        var said = C.problemText(answer);
        if (answer.status !== 401) {
          announce(said[0], said[1]);
        }
        return;
      }
      Promise.all([loadAppeals(), loadLedger(null)]).then(function () {
        announce('reinstatementConfirmedNow', [who]);
      });
    });
  }

  // ------------------------------------------------------------------ member import

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        resolve(String(reader.result));
      };
      reader.onerror = function () {
        reject(reader.error);
      };
      reader.readAsText(file);
    });
  }

  function importMembers(event) {
    event.preventDefault();
    var form = $('import-form');
    C.clearProblems(form);
    var file = $('import-file').files && $('import-file').files[0];
    var text = file ? readFile(file) : Promise.resolve($('csv').value);
    text.then(function (csv) {
      if (!csv || !csv.trim()) {
        C.fieldMessage(form, file ? 'file' : 'body', 'csvMissing');
        (file ? $('import-file') : $('csv')).focus();
        return;
      }
      $('import-submit').disabled = true;
      C.call('POST', base() + '/members' + ($('accept-valid').checked ? '?acceptValidLines=true' : ''), csv,
        { type: 'text/csv; charset=utf-8' }).then(function (answer) {
        $('import-submit').disabled = false;
        if (answer.status !== 200) {
          var node = C.showProblem(form, answer);
          if (node) {
            C.focus(node);
          }
          return;
        }
        renderReport(answer.data);
        loadLedger(null);
      });
    }, function () {
      C.fieldMessage(form, 'file', 'fileUnreadable');
      $('import-file').focus();
    });
  }

  function renderReport(report) {
    var problems = report.problems || [];
    var body = C.clear(document.querySelector('#report-table tbody'));
    problems.forEach(function (p) {
      body.appendChild(C.el('tr', { 'data-line': p.line }, [C.el('td', { className: 'number', text: p.line }),
        C.el('td', { text: p.field || C.t('none') }), C.el('td', { text: p.reason })]));
    });
    $('report-wrap').hidden = !problems.length;
    if (report.applied) {
      C.say($('report-summary'), 'reportApplied', [report.lines, report.imported, report.unchanged, problems.length]);
    } else {
      C.say($('report-summary'), 'reportNotApplied', [report.lines, problems.length]);
    }
    $('report').hidden = false;
    C.focus($('report-summary'));
  }

  // ------------------------------------------------------------------ ledger

  function loadLedger(before) {
    var path = base() + '/ledger?last=' + LEDGER_PAGE + (before ? '&before=' + before : '');
    return C.call('GET', path).then(function (answer) {
      if (answer.status !== 200) {
        failed($('ledger-status'), answer);
        return;
      }
      var page = (answer.data || []).slice().reverse();   // newest first
      ledgerRows = before ? ledgerRows.concat(page) : page;
      renderLedger();
      $('ledger-older').hidden = !page.length || page[page.length - 1].seq <= 1;
    });
  }

  function renderLedger() {
    var body = C.clear(document.querySelector('#ledger-table tbody'));
    ledgerRows.forEach(function (e, i) {
      var older = ledgerRows[i + 1];
      var change = older ? e.rollSize - older.rollSize : null;
      if (change === null && ['ADDED_TO_ROLL', 'REINSTATED'].indexOf(e.kind) >= 0) {
        change = 1;
      } else if (change === null && ['STRUCK_OFF', 'WITHDRAWN_FROM_ROLL'].indexOf(e.kind) >= 0) {
        change = -1;
      } else if (change === null) {
        change = 0;
      }
      body.appendChild(C.el('tr', { id: 'ledger-' + e.seq, 'data-kind': e.kind }, [
        C.el('td', { className: 'number', text: e.seq }),
        C.el('td', { text: C.time(e.recordedAt) }),
        C.el('td', {}, [C.el('span', { className: 'status-line', key: 'kind_' + e.kind }),
          e.kind === 'STRUCK_OFF' && /: [A-Z_]+$/.test(e.detail || '') ? C.el('span', { key: 'asIs', params: function () {
            return [' — ' + reasonText(e.detail.replace(/^.*: /, ''))];
          } }) : null,
          C.el('br'), C.el('span', { className: 'muted', text: e.detail })]),
        C.el('td', { key: WHO[e.kind] || 'none' }),
        C.el('td', { className: 'number', text: change > 0 ? '+' + change : change === 0 ? '0' : '−' + (-change) }),
        C.el('td', { className: 'number', text: C.number(e.rollSize) }),
        C.el('td', { className: 'number', text: C.number(e.registrants) })]));
    });
    if (ledgerRows.length) {
      C.say($('ledger-status'), 'ledgerShown', [ledgerRows.length, ledgerRows[0].seq]);
    } else {
      C.say($('ledger-status'), 'noLedger');
    }
  }

  // ------------------------------------------------------------------ wiring

  function build() {
    var select = $('reason');
    select.appendChild(C.el('option', { value: '', key: 'reasonChoose' }));
    REASONS.forEach(function (r) {
      select.appendChild(C.el('option', { value: r, key: 'reason_' + r }));
    });
    $('search-form').addEventListener('submit', function (event) {
      event.preventDefault();
      search($('q').value.trim(), false);
    });
    $('strike-form').addEventListener('submit', strike);
    $('strike-no').addEventListener('click', closeStrike);
    $('decide-form').addEventListener('submit', decide);
    $('decide-no').addEventListener('click', closeDecision);
    $('import-form').addEventListener('submit', importMembers);
    $('ledger-older').addEventListener('click', function () {
      var oldest = ledgerRows[ledgerRows.length - 1];
      loadLedger(oldest ? oldest.seq : null);
    });
    [$('strike'), $('decide')].forEach(function (panel) {
      panel.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') {
          if (panel.id === 'strike') {
            closeStrike();
          } else {
            closeDecision();
          }
        }
      });
    });
    C.onLanguage(function () {
      if (ledgerRows.length) {
        renderLedger();
      }
    });
  }

  // Another election's roll in the same tab (only the fragment changes): the page starts again.
  window.addEventListener('hashchange', function () {
    window.location.reload();
  });

  C.start({
    ready: function () {
      load();
    },
    refresh: function () {
      load();
    }
  });
}());
