// The hotline's page (docs/support.md): a volunteer types the help code the citizen reads out, sees the
// registration with masked data (factors, on the roll or not, a strike-off's reason), the delivery of
// each message sent to the citizen (never its content), sends a new phone code (SMS or voice call) or
// email link under the citizen's own limits, and reads and adds call notes. Every call is in the audit
// trail. A refusal is said next to the field it concerns.
(function () {
  'use strict';
  var C = window.OPC;
  var NBSP = C.NBSP;
  var MAX_NOTE = 1000;
  // Crockford's base32 without I L O U, as the help code uses it (docs/support.md).
  var ALPHABET = /^[0-9A-HJKMNP-TV-Z]{9}$/;

  C.texts({
    fr: {
      pageTitle: 'Aide aux inscrits', heading: 'Aide aux inscrits',
      intro: 'Demandez à la personne le code d’aide affiché sur sa page d’inscription (9 caractères, comme'
        + ' K3F9-7QXM-4). Vous voyez son inscription masquée et l’état de ses messages, jamais leur contenu.',
      helpCode: 'Code d’aide', helpCodeHint: 'Majuscules ou minuscules, avec ou sans tirets ni espaces.',
      find: 'Rechercher',
      codeMissing: 'Saisissez le code d’aide que la personne lit.',
      codeLength: 'Un code d’aide a 9 caractères (ici {0})' + NBSP + ': demandez-le à nouveau.',
      codeChars: 'Ce code contient un caractère qui n’existe pas dans les codes d’aide ({0})' + NBSP
        + ': demandez-le à nouveau, caractère par caractère.',
      codeMisheard: 'Un caractère a été mal entendu (le caractère de contrôle ne correspond pas)' + NBSP
        + ': relisez le code avec la personne, caractère par caractère.',
      codeUnknown: 'Aucune inscription n’a ce code' + NBSP + ': demandez à la personne de le relire sur sa page'
        + ' d’inscription.',
      caseTitle: 'Inscription {0}',
      factElection: 'Élection', factName: 'Nom', factPhone: 'Téléphone', factEmail: 'Courriel',
      factLanguage: 'Langue', factRegistered: 'Inscrite le', factOnRollAt: 'Sur la liste depuis',
      lang_fr: 'français', lang_en: 'anglais',
      standingOnRoll: 'Sur la liste électorale.',
      standingPending: 'Pas encore sur la liste électorale' + NBSP + ': il reste à vérifier {0}.',
      standingPendingNone: 'Pas encore sur la liste électorale.',
      standingStruck: 'Radiée de la liste électorale' + NBSP + ': {0}.',
      standingClosed: 'Les inscriptions sont closes pour cette élection' + NBSP + ': plus aucun code ni lien n’est envoyé.',
      factorsTitle: 'Vérifications', colFactor: 'Élément', colRequired: 'Exigé', colVerified: 'Vérifié',
      factor_PHONE: 'téléphone', factor_EMAIL: 'courriel', factor_CARD: 'carte bancaire',
      verifiedAt: 'oui, le {0}',
      messagesTitle: 'Messages envoyés',
      messagesHint: 'Du plus récent au plus ancien. Le contenu n’est jamais montré' + NBSP + ': il contient des codes'
        + ' et des liens personnels.',
      noMessages: 'Aucun message envoyé à ce téléphone ni à cette adresse.',
      colCreated: 'Créé', colMessage: 'Message', colTo: 'À', colStatus: 'État', colDelivery: 'Remise',
      template_registration_email_link: 'lien de vérification du courriel',
      template_registration_on_roll: 'confirmation d’inscription sur la liste',
      template_voting_opened: 'ouverture du vote', template_voting_receipt: 'accusé de vote',
      template_voting_reminder: 'rappel de vote', template_result_published: 'résultat publié',
      template_campaign_announcement: 'annonce des organisateurs',
      status_PENDING: 'en attente d’envoi', status_SENDING: 'en cours d’envoi', status_SENT: 'envoyé',
      status_DEAD: 'échec définitif', status_SKIPPED: 'non envoyé (désinscription)', status_CANCELLED: 'annulé',
      status_WITHDRAWN: 'retiré avant envoi',
      attempts: '{0} essai(s)',
      delivery_queued: 'en file chez l’opérateur', delivery_sending: 'en cours chez l’opérateur',
      delivery_sent: 'transmis par l’opérateur', delivery_delivered: 'remis', delivery_undelivered: 'non remis',
      delivery_failed: 'non remis (échec)', deliveryUnknown: 'pas de retour de l’opérateur',
      lastError: 'Dernière erreur' + NBSP + ': {0}',
      codesTitle: 'Codes de téléphone envoyés (démonstration)', codeSent: '{0}, le {1}',
      channel_sms: 'par SMS', channel_call: 'par appel vocal',
      resendTitle: 'Renvoyer',
      phoneLegend: 'Un nouveau code au téléphone', bySms: 'par SMS', byCall: 'par appel vocal',
      resendPhone: 'Envoyer un nouveau code', resendEmail: 'Envoyer un nouveau lien par courriel',
      phoneSent: 'Un nouveau code part {0} (à {1}). La personne peut le saisir sur sa page.',
      emailSent: 'Un nouveau lien part par courriel (à {0})' + NBSP + '; le précédent ne fonctionne plus.',
      noPhone: 'Cette inscription n’a pas de numéro de téléphone' + NBSP + ': aucun code à envoyer.',
      phoneVerified: 'Le téléphone est déjà vérifié' + NBSP + ': aucun code à envoyer.',
      noEmail: 'Cette inscription n’a pas d’adresse de courriel' + NBSP + ': aucun lien à envoyer.',
      emailVerified: 'Le courriel est déjà vérifié' + NBSP + ': aucun lien à envoyer.',
      closed: 'Les inscriptions sont closes pour cette élection' + NBSP + ': plus aucun code ni lien n’est envoyé.',
      phoneTooMany: 'Trop de codes envoyés à ce numéro (5 en 10 minutes, la même limite que pour la personne)'
        + NBSP + ': réessayez dans {0} minute(s).',
      emailTooMany: 'Le nombre maximal de liens (5) a déjà été envoyé' + NBSP + ': demandez à la personne d’utiliser'
        + ' le dernier reçu, et de regarder dans ses indésirables.',
      channelBad: 'Choisissez SMS ou appel vocal.',
      notesTitle: 'Notes d’appel', noNotes: 'Aucune note pour l’instant.',
      noteBy: '{0}, le {1}' + NBSP + ':',
      note: 'Noter cet appel', noteHint: 'Ce qui a été demandé et fait (1 000 caractères au plus). Une note ne se'
        + ' modifie ni ne s’efface. N’y écrivez ni numéro complet, ni adresse, ni code.',
      addNote: 'Enregistrer la note', noteMissing: 'Écrivez d’abord la note.',
      noteTooLong: 'Une note a 1 000 caractères au plus (ici {0}).', noteSaved: 'Note enregistrée.',
      noteBad: 'La note est refusée' + NBSP + ': elle a 1 à 1 000 caractères, sans caractères de contrôle.'
    },
    en: {
      pageTitle: 'Hotline support', heading: 'Hotline support',
      intro: 'Ask the caller for the help code shown on their registration page (9 characters, like K3F9-7QXM-4).'
        + ' You see their registration masked and the state of their messages, never their content.',
      helpCode: 'Help code', helpCodeHint: 'Upper or lower case, with or without hyphens or spaces.',
      find: 'Find',
      codeMissing: 'Type the help code the caller reads out.',
      codeLength: 'A help code has 9 characters (this one {0}): ask for it again.',
      codeChars: 'This code holds a character help codes never use ({0}): ask for it again, character by character.',
      codeMisheard: 'A character was misheard (the check character does not match): read the code back to the'
        + ' caller, character by character.',
      codeUnknown: 'No registration has this code: ask the caller to read it again from their registration page.',
      caseTitle: 'Registration {0}',
      factElection: 'Election', factName: 'Name', factPhone: 'Phone', factEmail: 'Email',
      factLanguage: 'Language', factRegistered: 'Registered', factOnRollAt: 'On the roll since',
      lang_fr: 'French', lang_en: 'English',
      standingOnRoll: 'On the roll.',
      standingPending: 'Not on the roll yet: {0} still to verify.',
      standingPendingNone: 'Not on the roll yet.',
      standingStruck: 'Struck off the roll: {0}.',
      standingClosed: 'Registration is closed for this election: no code or link is sent any more.',
      factorsTitle: 'Verifications', colFactor: 'Factor', colRequired: 'Required', colVerified: 'Verified',
      factor_PHONE: 'phone', factor_EMAIL: 'email', factor_CARD: 'bank card',
      verifiedAt: 'yes, {0}',
      messagesTitle: 'Messages sent',
      messagesHint: 'Newest first. Their content is never shown: it holds personal codes and links.',
      noMessages: 'No message was sent to this phone or address.',
      colCreated: 'Created', colMessage: 'Message', colTo: 'To', colStatus: 'Status', colDelivery: 'Delivery',
      template_registration_email_link: 'email verification link',
      template_registration_on_roll: 'on-the-roll confirmation',
      template_voting_opened: 'voting opened', template_voting_receipt: 'ballot receipt',
      template_voting_reminder: 'reminder to vote', template_result_published: 'result published',
      template_campaign_announcement: 'organizers’ announcement',
      status_PENDING: 'waiting to be sent', status_SENDING: 'being sent', status_SENT: 'sent',
      status_DEAD: 'failed for good', status_SKIPPED: 'not sent (unsubscribed)', status_CANCELLED: 'cancelled',
      status_WITHDRAWN: 'withdrawn before sending',
      attempts: '{0} attempt(s)',
      delivery_queued: 'queued at the carrier', delivery_sending: 'being sent by the carrier',
      delivery_sent: 'passed on by the carrier', delivery_delivered: 'delivered', delivery_undelivered: 'not delivered',
      delivery_failed: 'not delivered (failed)', deliveryUnknown: 'no report from the carrier',
      lastError: 'Last error: {0}',
      codesTitle: 'Phone codes sent (demo)', codeSent: '{0}, {1}',
      channel_sms: 'by SMS', channel_call: 'by voice call',
      resendTitle: 'Send again',
      phoneLegend: 'A new code to the phone', bySms: 'by SMS', byCall: 'by voice call',
      resendPhone: 'Send a new code', resendEmail: 'Send a new link by email',
      phoneSent: 'A new code is on its way {0} (at {1}). The caller can type it on their page.',
      emailSent: 'A new link is on its way by email (at {0}); the previous one no longer works.',
      noPhone: 'This registration has no phone number: no code to send.',
      phoneVerified: 'The phone is verified already: no code to send.',
      noEmail: 'This registration has no email address: no link to send.',
      emailVerified: 'The email is verified already: no link to send.',
      closed: 'Registration is closed for this election: no code or link is sent any more.',
      phoneTooMany: 'Too many codes were sent to this number (5 in 10 minutes, the caller’s own limit): try again'
        + ' in {0} minute(s).',
      emailTooMany: 'The most links (5) were sent already: ask the caller to use the last one received, and to'
        + ' look in their spam folder.',
      channelBad: 'Choose SMS or voice call.',
      notesTitle: 'Call notes', noNotes: 'No note yet.',
      noteBy: '{0}, {1}:',
      note: 'Note this call', noteHint: 'What was asked and done (1,000 characters at most). A note is never edited'
        + ' or deleted. Write no full number, address or code in it.',
      addNote: 'Save the note', noteMissing: 'Write the note first.',
      noteTooLong: 'A note has 1,000 characters at most (this one {0}).', noteSaved: 'Note saved.',
      noteBad: 'The note is refused: it has 1 to 1,000 characters, and no control characters.'
    }
  });

  var current = null;   // the help code being looked at, in its display form
  var shown = null;     // the registration as last read

  function $(name) {
    return document.getElementById(name);
  }

  /** The code as the API reads it: upper case, O read as 0, I and L as 1, no spaces or hyphens. */
  function normalize(typed) {
    return String(typed || '').toUpperCase().replace(/[\s\-.]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  }

  function display(code) {
    return code.slice(0, 4) + '-' + code.slice(4, 8) + '-' + code.slice(8);
  }

  function path(suffix) {
    return 'api/support/registrations/' + encodeURIComponent(current) + (suffix || '');
  }

  function buildForms() {
    var lookup = $('lookup-form');
    lookup.appendChild(C.field({ id: 'help-code', label: 'helpCode', hint: 'helpCodeHint', field: 'helpCode',
      autocomplete: 'off', spellcheck: 'false', maxlength: 20 }));
    lookup.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    lookup.appendChild(C.el('button', { type: 'submit', className: 'primary', id: 'find', key: 'find' }));
    $('help-code').setAttribute('autocapitalize', 'characters');
    lookup.addEventListener('submit', function (event) {
      event.preventDefault();
      find();
    });

    var note = $('note-form');
    note.appendChild(C.field({ id: 'note-text', label: 'note', hint: 'noteHint', field: 'text', rows: 4 }));
    note.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    note.appendChild(C.el('p', { className: 'ok', id: 'note-done', role: 'status', hidden: true }));
    note.appendChild(C.el('button', { type: 'submit', className: 'primary', id: 'add-note', key: 'addNote' }));
    $('note-text').setAttribute('maxlength', String(MAX_NOTE));
    note.addEventListener('submit', function (event) {
      event.preventDefault();
      addNote();
    });

    $('phone-form').addEventListener('submit', function (event) {
      event.preventDefault();
      resendPhone();
    });
    $('email-form').addEventListener('submit', function (event) {
      event.preventDefault();
      resendEmail();
    });
  }

  function find() {
    var form = $('lookup-form');
    var input = $('help-code');
    C.clearProblems(form);
    var code = normalize(input.value);
    var refusal = !code ? ['codeMissing', []] : code.length !== 9 ? ['codeLength', [code.length]]
      : !ALPHABET.test(code) ? ['codeChars', [code.replace(/[0-9A-HJKMNP-TV-Z]/g, '')]] : null;
    if (refusal) {
      C.fieldMessage(form, 'helpCode', refusal[0], refusal[1]);
      input.focus();
      return;
    }
    input.value = display(code);
    var button = $('find');
    button.disabled = true;
    current = display(code);
    C.call('GET', path()).then(function (answer) {
      button.disabled = false;
      if (answer.status === 200 && answer.data) {
        show(answer.data);
        C.focus($('case-title'));
        return;
      }
      $('case').hidden = true;
      shown = null;
      var node;
      if (answer.status === 404) {
        node = C.fieldMessage(form, 'helpCode', 'codeUnknown');
      } else if (answer.status === 400 && answer.problem && answer.problem.field === 'helpCode') {
        node = C.fieldMessage(form, 'helpCode', 'codeMisheard');
      } else {
        node = C.showProblem(form, answer);
      }
      if (node) {
        input.focus();
      }
    });
  }

  /** Reads the registration again (after a resend), keeping the page where it is. */
  function reload() {
    return C.call('GET', path()).then(function (answer) {
      if (answer.status === 200 && answer.data) {
        show(answer.data);
      }
    });
  }

  function fact(list, key, value) {
    list.appendChild(C.el('dt', { key: key }));
    var dd = C.el('dd');
    if (value && typeof value === 'object') {
      dd.appendChild(value);
    } else {
      C.plain(dd, value === null || value === undefined || value === '' ? C.t('none') : value);
    }
    list.appendChild(dd);
  }

  function show(r) {
    shown = r;
    $('case').hidden = false;
    C.say($('case-title'), 'caseTitle', [r.helpCode]);
    var facts = C.clear($('case-facts'));
    fact(facts, 'factElection', r.electionTitle);
    fact(facts, 'factName', r.name);
    fact(facts, 'factPhone', r.phone);
    fact(facts, 'factEmail', r.email);
    fact(facts, 'factLanguage', C.el('span', { key: 'lang_' + r.language }));
    fact(facts, 'factRegistered', C.time(r.registeredAt));
    if (r.onRollAt) {
      fact(facts, 'factOnRollAt', C.time(r.onRollAt));
    }
    var missing = (r.factors || []).filter(function (f) {
      return f.required && !f.verified;
    });
    var standing = $('case-standing');
    if (r.status === 'STRUCK_OFF') {
      C.say(standing, 'standingStruck', function () {
        return [C.t('reason_' + (r.struckOffReason || 'UNKNOWN'))];
      });
    } else if (r.onRoll) {
      C.say(standing, 'standingOnRoll');
    } else if (missing.length) {
      C.say(standing, 'standingPending', function () {
        return [missing.map(function (f) {
          return C.t('factor_' + f.factor);
        }).join(', ')];
      });
    } else {
      C.say(standing, 'standingPendingNone');
    }

    var factors = C.clear(document.querySelector('#factors tbody'));
    (r.factors || []).forEach(function (f) {
      factors.appendChild(C.el('tr', {}, [
        C.el('th', { scope: 'row', key: 'factor_' + f.factor }),
        C.el('td', { key: f.required ? 'yes' : 'no' }),
        f.verified ? C.el('td', { key: 'verifiedAt', params: [C.time(f.verifiedAt)] }) : C.el('td', { key: 'no' })
      ]));
    });

    var messages = C.clear(document.querySelector('#messages tbody'));
    (r.messages || []).forEach(function (m) {
      var templateKey = 'template_' + String(m.template).replace(/[.\-]/g, '_');
      var what = C.el('td', {}, [C.el('span', { key: C.t(templateKey) === templateKey ? 'asIs' : templateKey,
        params: [m.template] }), ' (' + m.channel + ')']);
      var state = C.el('td', {}, [C.el('span', { key: 'status_' + m.status }), C.el('br'),
        C.el('span', { className: 'muted', key: 'attempts', params: [m.attempts] })]);
      if (m.lastError) {
        state.appendChild(C.el('br'));
        state.appendChild(C.el('span', { className: 'muted', key: 'lastError', params: [m.lastError] }));
      }
      messages.appendChild(C.el('tr', { 'data-status': m.status }, [
        C.el('td', { text: C.time(m.createdAt) }), what, C.el('td', { text: m.to }), state,
        C.el('td', { key: m.delivery ? 'delivery_' + m.delivery : 'deliveryUnknown' })
      ]));
    });
    $('messages-empty').hidden = (r.messages || []).length > 0;
    $('messages').hidden = (r.messages || []).length === 0;

    $('codes-block').hidden = !r.phoneCodes || r.phoneCodes.length === 0;
    var codes = C.clear($('codes'));
    (r.phoneCodes || []).forEach(function (c) {
      codes.appendChild(C.el('li', { key: 'codeSent', params: function () {
        return [C.t('channel_' + c.channel), C.time(c.sentAt)];
      } }));
    });

    resendState('phone', !r.registrationOpen ? 'closed' : !r.phone ? 'noPhone' : verified(r, 'PHONE') ? 'phoneVerified' : null);
    resendState('email', !r.registrationOpen ? 'closed' : !r.email ? 'noEmail' : verified(r, 'EMAIL') ? 'emailVerified' : null);
    notes(r.notes || []);
  }

  function verified(r, factor) {
    return (r.factors || []).some(function (f) {
      return f.factor === factor && f.verified;
    });
  }

  /** A resend form, or the reason there is nothing to resend. */
  function resendState(which, why) {
    var form = $(which + '-form');
    C.clearProblems(form);
    form.querySelector('button[type=submit]').hidden = !!why;
    var fieldset = form.querySelector('fieldset');
    if (fieldset) {
      fieldset.hidden = !!why;
    }
    var node = $(which + '-done');
    if (why) {
      C.say(node, why);
      node.className = 'hint';
      node.hidden = false;
    } else if (node.className !== 'ok') {
      node.hidden = true;
    }
  }

  function notes(list) {
    var ol = C.clear($('notes'));
    list.forEach(function (n) {
      ol.appendChild(C.el('li', {}, [
        C.el('p', { className: 'muted', key: 'noteBy', params: [n.operator, C.time(n.createdAt)] }),
        C.el('p', { className: 'note-text', text: n.text })
      ]));
    });
    $('notes-empty').hidden = list.length > 0;
    ol.hidden = list.length === 0;
  }

  /** A refused resend, said in words: the limits, what there is nothing to send to, the closed roll. */
  function refusal(which, form, answer) {
    var field = answer.problem && answer.problem.field;
    if (answer.status === 429) {
      return which === 'phone'
        ? C.fieldMessage(form, '*', 'phoneTooMany', [Math.max(1, Math.ceil((answer.retryAfter || 60) / 60))])
        : C.fieldMessage(form, '*', 'emailTooMany');
    }
    if (answer.status === 404) {
      return C.fieldMessage(form, '*', 'codeUnknown');
    }
    if (answer.status === 409 && field === 'helpCode') {
      return C.fieldMessage(form, '*', 'closed');
    }
    if (answer.status === 409 && (field === 'phone' || field === 'email')) {
      var none = which === 'phone' ? !shown.phone : !shown.email;
      return C.fieldMessage(form, '*', none ? (which === 'phone' ? 'noPhone' : 'noEmail')
        : (which === 'phone' ? 'phoneVerified' : 'emailVerified'));
    }
    if (answer.status === 400 && field === 'channel') {
      return C.fieldMessage(form, '*', 'channelBad');
    }
    return C.showProblem(form, answer);
  }

  function resend(which, suffix, body, doneKey, params) {
    var form = $(which + '-form');
    var done = $(which + '-done');
    C.clearProblems(form);
    done.hidden = true;
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    C.call('POST', path(suffix), body).then(function (answer) {
      button.disabled = false;
      if (answer.status === 204) {
        reload().then(function () {
          done.className = 'ok';
          C.say(done, doneKey, params);
          done.hidden = false;
          C.focus(done);
        });
        return;
      }
      var node = refusal(which, form, answer);
      if (node) {
        C.focus(node);
      }
    });
  }

  function now() {
    return new Intl.DateTimeFormat(C.lang === 'fr' ? 'fr-FR' : 'en-GB', { timeStyle: 'short' }).format(new Date());
  }

  function resendPhone() {
    var channel = $('channel-call').checked ? 'call' : 'sms';
    var at = now();
    resend('phone', '/phone-code', { channel: channel }, 'phoneSent', function () {
      return [C.t('channel_' + channel), at];
    });
  }

  function resendEmail() {
    resend('email', '/email-link', undefined, 'emailSent', [now()]);
  }

  function addNote() {
    var form = $('note-form');
    var input = $('note-text');
    var done = $('note-done');
    C.clearProblems(form);
    done.hidden = true;
    var text = input.value.trim();
    if (!text) {
      C.fieldMessage(form, 'text', 'noteMissing');
      input.focus();
      return;
    }
    if (text.length > MAX_NOTE) {
      C.fieldMessage(form, 'text', 'noteTooLong', [text.length]);
      input.focus();
      return;
    }
    var button = $('add-note');
    button.disabled = true;
    C.call('POST', path('/notes'), { text: text }).then(function (answer) {
      button.disabled = false;
      if (answer.status === 201 && answer.data) {
        input.value = '';
        notes(answer.data);
        C.say(done, 'noteSaved');
        done.hidden = false;
        C.focus(done);
        return;
      }
      var node = answer.status === 400 && answer.problem && answer.problem.field === 'text'
        ? C.fieldMessage(form, 'text', 'noteBad')
        : answer.status === 404 ? C.fieldMessage(form, '*', 'codeUnknown') : C.showProblem(form, answer);
      if (node) {
        C.focus(node);
      }
    });
  }

  C.start({
    ready: function () {
      buildForms();
      C.setLanguage(C.lang);
      $('help-code').focus();
    },
    refresh: function () {
      if (current && shown) {
        reload();
      }
    }
  });
}());
