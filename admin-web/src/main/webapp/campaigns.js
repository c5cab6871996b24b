// An election's messages to its registrants (campaigns.html#e=<election>[&c=<campaign>], docs/campaigns.md):
// the campaigns, newest first, with their live progress (refreshed every 5 seconds while one is
// scheduled or sending, and the page is seen); an organizer writes a draft (an announcement or the
// reminder to vote, for an audience, by email or SMS), previews it in French and English (the email's
// HTML in a sandboxed frame: no script, no access to the page), tries it on their own address, sends
// it now or at a set time after a confirmation step, pauses, resumes or cancels it, and schedules the
// reminders of each evening of the vote in one go. The other roles read.
(function () {
  'use strict';
  var C = window.OPC;
  var NBSP = C.NBSP;
  var MAX = { SMS: 480, EMAIL: 5000 };
  var MAX_TESTS = 10;
  var MAX_REMINDERS = 20;
  var REFRESH = 5000;

  C.texts({
    fr: {
      pageTitle: 'Messages aux inscrits', back: '‹ L’élection', heading: 'Messages aux inscrits' + NBSP + ': {0}',
      intro: 'Informez les inscrits (une réunion, les derniers jours pour s’inscrire) et rappelez le vote à ceux qui'
        + ' ne l’ont pas encore fait. Seuls les contacts vérifiés sont utilisés. Les messages automatiques de la'
        + ' plateforme (codes, liens de vote, accusés) ne sont pas des campagnes.',
      badId: 'Cette adresse ne désigne aucune élection.', loadFailed: 'Chargement impossible' + NBSP + ': {0}',
      listTitle: 'Les campagnes de l’élection', listCaption: 'Les campagnes, de la plus récente à la plus ancienne',
      colName: 'Nom', colMessage: 'Message, pour qui, par quel canal', colState: 'État',
      colRecipients: 'Destinataires', colProgress: 'Avancement', colActions: 'Actions',
      noCampaigns: 'Aucune campagne pour l’instant.', refreshed: 'Mis à jour à {0}.',
      kind_ANNOUNCEMENT: 'annonce', kind_REMINDER: 'rappel de vote',
      audience_REGISTERED: 'tous les inscrits', audience_ON_ROLL: 'inscrits sur la liste électorale',
      audience_UNVERIFIED: 'inscription inachevée', audience_NOT_VOTED: 'n’ont pas encore voté',
      channel_EMAIL: 'courriel', channel_SMS: 'SMS',
      cstate_DRAFT: 'brouillon', cstate_SCHEDULED: 'programmée', cstate_QUEUING: 'mise en file d’envoi', cstate_QUEUED: 'envoyée', cstate_CANCELLED: 'annulée',
      status_SENDING: 'en cours d’envoi', status_PAUSED: 'suspendue', status_FINISHED: 'terminée', status_DRAFT: '', status_CANCELLED: '',
      noteLine: '({0})', sendAtLine: 'le {0}',
      progress: '{0} en file' + NBSP + ': {1} envoyé(s), {2} remis, {3} en échec, {4} ignoré(s), {5} retiré(s),'
        + ' {6} en attente',
      progressNone: '—',
      open: 'Aperçu', sendNow: 'Envoyer maintenant', schedule: 'Programmer', cancel: 'Annuler la campagne',
      pause: 'Suspendre', resume: 'Reprendre',
      confirmSend: 'Envoyer « {0} » maintenant, par {1}, à {2}' + NBSP + '? Une campagne ne part qu’une fois.',
      confirmSendUnknown: 'Envoyer « {0} » maintenant, par {1}, à ses destinataires' + NBSP + '? Une campagne ne part'
        + ' qu’une fois.',
      confirmCancel: 'Annuler « {0} »' + NBSP + '? Ce qui n’est pas encore parti ne partira jamais.',
      confirmSendYes: 'Oui, envoyer maintenant', confirmCancelYes: 'Oui, annuler la campagne', confirmNo: 'Ne rien faire',
      people: '{0} personne(s)',
      sentNow: 'La campagne « {0} » part maintenant' + NBSP + ': ses messages sont mis en file d’envoi, et partent au fil de l’eau.',
      scheduledNow: 'La campagne « {0} » partira le {1}.', cancelledNow: 'La campagne « {0} » est annulée.',
      pausedNow: 'La campagne « {0} » est suspendue.', resumedNow: 'La campagne « {0} » reprend.',
      draftSaved: 'Brouillon « {0} » enregistré' + NBSP + ': vérifiez son aperçu, essayez-le, puis envoyez-le.',
      campaignHeading: 'Campagne' + NBSP + ': {0}', campaignLine: '{0}, pour «' + NBSP + '{1}' + NBSP + '», par {2}'
        + NBSP + '; {3}.',
      previewTitle: 'Aperçu', previewLoading: 'Aperçu en cours de préparation…',
      audienceNow: 'Envoyée maintenant, elle atteindrait {0} personne(s).',
      previewFailed: 'L’aperçu n’a pas pu être préparé' + NBSP + ': {0}',
      lang_fr: 'En français', lang_en: 'En anglais', subjectLabel: 'Objet', textLabel: 'Texte',
      htmlLabel: 'Le courriel tel qu’il s’affiche', htmlFrame: 'Aperçu du courriel, {0}',
      htmlNote: 'Affiché sans script ni accès à la page' + NBSP + '; la console n’autorise pas les styles en ligne, le'
        + ' courriel reçu peut donc paraître plus soigné.',
      editTitle: 'Corriger le texte',
      editIntro: 'Tant qu’elle n’est pas partie, une campagne peut être corrigée' + NBSP + '; son public et son canal'
        + ' restent (annulez-la et écrivez-en une autre pour les changer). Un rappel garde le texte de la plateforme.',
      editSave: 'Enregistrer les corrections', changesSaved: 'Corrections de « {0} » enregistrées' + NBSP + ': l’aperçu'
        + ' les montre.',
      testTitle: 'M’envoyer un essai',
      testIntroEmail: 'Le message part une fois vers votre propre adresse, pour le voir comme les inscrits'
        + ' (10 essais au plus par campagne, non comptés dans la campagne).',
      testIntroSms: 'Le message part une fois vers votre propre numéro, pour le voir comme les inscrits'
        + ' (10 essais au plus par campagne, non comptés dans la campagne).',
      testToEmail: 'Votre adresse électronique', testToSms: 'Votre numéro de téléphone portable',
      testToSmsHint: 'Au format international, par exemple +33 6 12 34 56 78.', testLanguage: 'Langue de l’essai',
      language_fr: 'français', language_en: 'anglais', testSend: 'M’envoyer un essai',
      testSent: 'Essai envoyé à {0} ({1} essai(s) sur 10).', testsUsed: '{0} essai(s) sur 10 déjà faits.',
      testsExhausted: 'Les 10 essais de cette campagne sont faits.',
      testToMissingEmail: 'Saisissez votre adresse électronique.', testToMissingSms: 'Saisissez votre numéro de portable.',
      sendTitle: 'Envoyer ou programmer',
      sendIntro: 'Le public est calculé au moment de l’envoi' + NBSP + ': un message programmé atteint ceux qui sont'
        + ' dans le public à l’heure dite.',
      sendAt: 'Programmer le (heure locale)', sendAtHint: 'Heure de votre navigateur ({0}).',
      sendAtMissing: 'Indiquez la date et l’heure de l’envoi.', rescheduled: 'Programmée pour le {0}.',
      composeTitle: 'Écrire une campagne',
      composeIntro: 'Une campagne est d’abord un brouillon' + NBSP + ': rien ne part avant que vous l’envoyiez ou la'
        + ' programmiez.',
      kind: 'Type de message',
      kindHint_ANNOUNCEMENT: 'Votre propre texte.',
      kindHint_REMINDER: 'Le rappel de vote de la plateforme (l’élection, l’heure de clôture, le lien du site), pour'
        + ' ceux qui n’ont pas encore voté.',
      audience: 'Destinataires',
      audienceHint_REGISTERED: 'Tous les inscrits, en cours de vérification ou sur la liste.',
      audienceHint_ON_ROLL: 'Ceux qui sont sur la liste électorale.',
      audienceHint_UNVERIFIED: 'Ceux qui n’ont pas fini de vérifier leur inscription, tant que les inscriptions sont'
        + ' ouvertes' + NBSP + '; par courriel seulement.',
      audienceHint_NOT_VOTED: 'Ceux de la liste qui n’ont pas encore voté (ni radiés), pendant le vote.',
      audienceReminderOnly: 'Un rappel de vote va à ceux qui n’ont pas encore voté.',
      audienceUnavailable_UNVERIFIED: 'Seulement pendant les inscriptions.',
      audienceUnavailable_NOT_VOTED: 'Seulement une fois l’élection scellée, jusqu’à la clôture du vote.',
      reminderUnavailable: 'Seulement une fois l’élection scellée, jusqu’à la clôture du vote.',
      channel: 'Canal', smsRefused: 'Pas de SMS à ceux qui n’ont pas fini' + NBSP + ': leur numéro n’est pas vérifié,'
        + ' et envoyer des SMS à des numéros saisis par n’importe qui, c’est ainsi que la fraude aux SMS fait gonfler la'
        + ' facture. Écrivez-leur par courriel.',
      subject: 'Objet du courriel', subjectHint: 'Une ligne, 150 caractères au plus.',
      body: 'Texte du message', bodyHintEmail: 'Les retours à la ligne sont gardés' + NBSP + '; le lien de'
        + ' désinscription est ajouté.', bodyHintSms: '« STOP » est ajouté. 480 caractères font trois SMS.',
      bodyCount: '{0} caractère(s) sur {1}.', bodyOver: '{0} caractère(s) sur {1}' + NBSP + ': {2} de trop.',
      bodyMissing: 'Écrivez le texte du message.', bodyTooLong: 'Le texte a {0} caractères au plus' + NBSP + ': il en a {1}.',
      subjectMissing: 'Donnez un objet au courriel.',
      name: 'Nom de la campagne (facultatif)', nameHint: 'Pour vous retrouver dans la liste' + NBSP + '; les inscrits ne'
        + ' le voient pas.',
      saveDraft: 'Enregistrer le brouillon',
      remindersTitle: 'Rappels chaque soir',
      remindersIntro: 'Programmez en une fois les rappels de vote (un par canal et par heure, 20 au plus)' + NBSP + ': à'
        + ' chaque heure, ceux qui n’ont pas encore voté reçoivent le rappel, et celui qui vote avant ne le reçoit pas.',
      remindersChannels: 'Canaux', remindersTimes: 'Heures des rappels (heure locale, entre l’ouverture et la clôture'
        + ' du vote)', reminderTime: 'Rappel {0}', removeTime: 'Retirer le rappel {0}', addTime: 'Ajouter une heure',
      scheduleReminders: 'Programmer les rappels', remindersMade: '{0} rappel(s) programmé(s).',
      channelsMissing: 'Choisissez au moins un canal.', timesMissing: 'Indiquez au moins une heure.',
      tooManyReminders: '20 rappels au plus à la fois (canaux × heures)' + NBSP + ': il y en a {0}.',
      remindersUnavailable: 'Les rappels se programment une fois l’élection scellée et son calendrier fixé.'
    },
    en: {
      pageTitle: 'Messages to registrants', back: '‹ The election', heading: 'Messages to registrants: {0}',
      intro: 'Keep registrants informed (a meeting, the last days to register) and remind those who have not voted'
        + ' yet. Only verified contacts are used. The platform’s own messages (codes, voting links, receipts) are not'
        + ' campaigns.',
      badId: 'This address names no election.', loadFailed: 'Could not load: {0}',
      listTitle: 'The election’s campaigns', listCaption: 'The campaigns, newest first',
      colName: 'Name', colMessage: 'Message, for whom, by which channel', colState: 'State',
      colRecipients: 'Recipients', colProgress: 'Progress', colActions: 'Actions',
      noCampaigns: 'No campaign yet.', refreshed: 'Updated at {0}.',
      kind_ANNOUNCEMENT: 'announcement', kind_REMINDER: 'reminder to vote',
      audience_REGISTERED: 'everyone registered', audience_ON_ROLL: 'on the roll',
      audience_UNVERIFIED: 'not finished verifying', audience_NOT_VOTED: 'not voted yet',
      channel_EMAIL: 'email', channel_SMS: 'SMS',
      cstate_DRAFT: 'draft', cstate_SCHEDULED: 'scheduled', cstate_QUEUING: 'being queued', cstate_QUEUED: 'sent', cstate_CANCELLED: 'cancelled',
      status_SENDING: 'sending', status_PAUSED: 'paused', status_FINISHED: 'finished', status_DRAFT: '', status_CANCELLED: '',
      noteLine: '({0})', sendAtLine: 'on {0}',
      progress: '{0} queued: {1} sent, {2} delivered, {3} failed, {4} skipped, {5} withdrawn, {6} waiting',
      progressNone: '—',
      open: 'Preview', sendNow: 'Send now', schedule: 'Schedule', cancel: 'Cancel the campaign',
      pause: 'Pause', resume: 'Resume',
      confirmSend: 'Send “{0}” now, by {1}, to {2}? A campaign goes only once.',
      confirmSendUnknown: 'Send “{0}” now, by {1}, to its recipients? A campaign goes only once.',
      confirmCancel: 'Cancel “{0}”? What has not gone yet will never go.',
      confirmSendYes: 'Yes, send now', confirmCancelYes: 'Yes, cancel the campaign', confirmNo: 'Do nothing',
      people: '{0} people',
      sentNow: 'The campaign “{0}” is going now: its messages are being queued, and go out as they are.',
      scheduledNow: 'The campaign “{0}” will go on {1}.', cancelledNow: 'The campaign “{0}” is cancelled.',
      pausedNow: 'The campaign “{0}” is paused.', resumedNow: 'The campaign “{0}” is going again.',
      draftSaved: 'Draft “{0}” saved: check its preview, try it, then send it.',
      campaignHeading: 'Campaign: {0}', campaignLine: '{0}, for “{1}”, by {2}; {3}.',
      previewTitle: 'Preview', previewLoading: 'Preparing the preview…',
      audienceNow: 'Sent now, it would reach {0} people.',
      previewFailed: 'The preview could not be made: {0}',
      lang_fr: 'In French', lang_en: 'In English', subjectLabel: 'Subject', textLabel: 'Text',
      htmlLabel: 'The email as it shows', htmlFrame: 'Preview of the email, {0}',
      htmlNote: 'Shown with no script and no access to the page; the console allows no inline styles, so the email'
        + ' received may look neater.',
      editTitle: 'Correct the text',
      editIntro: 'Until it goes, a campaign can be corrected; its audience and channel stay (cancel it and write another'
        + ' to change them). A reminder keeps the platform’s text.',
      editSave: 'Save the corrections', changesSaved: 'Corrections to “{0}” saved: the preview shows them.',
      testTitle: 'Send me a test',
      testIntroEmail: 'The message goes once to your own address, to see it as registrants will (10 tries at most a'
        + ' campaign, not counted in it).',
      testIntroSms: 'The message goes once to your own number, to see it as registrants will (10 tries at most a'
        + ' campaign, not counted in it).',
      testToEmail: 'Your email address', testToSms: 'Your mobile phone number',
      testToSmsHint: 'In international form, for example +33 6 12 34 56 78.', testLanguage: 'Language of the test',
      language_fr: 'French', language_en: 'English', testSend: 'Send me a test',
      testSent: 'Test sent to {0} ({1} of 10 tries).', testsUsed: '{0} of 10 tries made already.',
      testsExhausted: 'The 10 tries of this campaign are used.',
      testToMissingEmail: 'Enter your email address.', testToMissingSms: 'Enter your mobile number.',
      sendTitle: 'Send or schedule',
      sendIntro: 'The audience is worked out when the campaign goes: a scheduled message reaches those in the audience'
        + ' at that time.',
      sendAt: 'Schedule at (local time)', sendAtHint: 'Your browser’s time ({0}).',
      sendAtMissing: 'Enter the date and time to send it.', rescheduled: 'Scheduled for {0}.',
      composeTitle: 'Write a campaign',
      composeIntro: 'A campaign is a draft first: nothing goes until you send or schedule it.',
      kind: 'Kind of message',
      kindHint_ANNOUNCEMENT: 'Your own text.',
      kindHint_REMINDER: 'The platform’s reminder to vote (the election, the closing time, the site’s link), for those'
        + ' who have not voted yet.',
      audience: 'Recipients',
      audienceHint_REGISTERED: 'Everyone registered, still verifying or on the roll.',
      audienceHint_ON_ROLL: 'Those on the roll.',
      audienceHint_UNVERIFIED: 'Those who have not finished verifying, while registration is open; by email only.',
      audienceHint_NOT_VOTED: 'Those on the roll who have not voted yet (nor were struck off), while voting is open.',
      audienceReminderOnly: 'A reminder to vote goes to those who have not voted yet.',
      audienceUnavailable_UNVERIFIED: 'Only while registration is open.',
      audienceUnavailable_NOT_VOTED: 'Only once the election is sealed, until voting closes.',
      reminderUnavailable: 'Only once the election is sealed, until voting closes.',
      channel: 'Channel', smsRefused: 'No SMS to those who did not finish: their number is not verified, and sending'
        + ' SMS to numbers anyone typed in is how SMS pumping runs up the bill. Write to them by email.',
      subject: 'Email subject', subjectHint: 'One line, 150 characters at most.',
      body: 'Text of the message', bodyHintEmail: 'Line breaks are kept; the unsubscribe link is added.',
      bodyHintSms: '“STOP” is added. 480 characters make three SMS.',
      bodyCount: '{0} of {1} characters.', bodyOver: '{0} of {1} characters: {2} too many.',
      bodyMissing: 'Write the text of the message.', bodyTooLong: 'The text has {0} characters at most: it has {1}.',
      subjectMissing: 'Give the email a subject.',
      name: 'Name of the campaign (optional)', nameHint: 'To find it in the list; registrants do not see it.',
      saveDraft: 'Save the draft',
      remindersTitle: 'Reminders each evening',
      remindersIntro: 'Schedule the reminders to vote in one go (one per channel and time, 20 at most): at each time,'
        + ' those who have not voted yet get the reminder, and whoever votes first does not.',
      remindersChannels: 'Channels', remindersTimes: 'Times of the reminders (local time, between the opening and the'
        + ' close of voting)', reminderTime: 'Reminder {0}', removeTime: 'Remove reminder {0}', addTime: 'Add a time',
      scheduleReminders: 'Schedule the reminders', remindersMade: '{0} reminder(s) scheduled.',
      channelsMissing: 'Choose at least one channel.', timesMissing: 'Enter at least one time.',
      tooManyReminders: '20 reminders at most at once (channels × times): there are {0}.',
      remindersUnavailable: 'Reminders are scheduled once the election is sealed and its schedule set.'
    }
  });

  var id = C.fragment().get('e');
  var election = null;
  var campaigns = [];
  var current = null;        // the campaign open in the panel
  var timer = null;
  var built = false;
  var pending = null;        // the confirmation asked: {verb, campaign, button}
  var reach = {};            // the audience's size now, by campaign, from its last preview

  function $(name) {
    return document.getElementById(name);
  }

  function show(name, visible) {
    $(name).hidden = !visible;
  }

  function base() {
    return 'api/elections/' + id + '/campaigns';
  }

  function writer() {
    return C.has('organizer');
  }

  /** A message in the page's status box, focused so it is read out. */
  function announce(key, params) {
    var node = $('action-status');
    C.say(node, key, params);
    node.hidden = false;
    C.focus(node);
  }

  /** The value of a datetime-local input as ISO 8601 with the browser's offset (2027-01-16T19:00:00+01:00). */
  function withOffset(local) {
    var d = new Date(local);
    if (isNaN(d.getTime())) {
      return null;
    }
    var pad = function (n) {
      return String(Math.abs(n)).padStart(2, '0');
    };
    var minutes = -d.getTimezoneOffset();
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':'
      + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + (minutes < 0 ? '-' : '+') + pad(Math.trunc(minutes / 60))
      + ':' + pad(minutes % 60);
  }

  /** An instant as the value of a datetime-local input, in the browser's time zone. */
  function localValue(instant) {
    var d = new Date(instant);
    var pad = function (n) {
      return String(n).padStart(2, '0');
    };
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':'
      + pad(d.getMinutes());
  }

  function zone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  }

  /** Keeps the open campaign in the address (for a reload), without a hashchange. */
  function remember(campaignId) {
    var hash = '#e=' + id + (campaignId ? '&c=' + campaignId : '');
    if (window.location.hash !== hash) {
      window.history.replaceState(null, '', hash);
    }
  }

  // ---------------------------------------------------------------- loading and the live refresh

  function load() {
    if (!C.isId(id)) {
      C.say($('load-status'), 'badId');
      return Promise.resolve();
    }
    return C.call('GET', 'api/elections/' + id).then(function (answer) {
      if (answer.status !== 200) {
        if (answer.status !== 401) {
          var said = C.problemText(answer);
          C.say($('load-status'), 'loadFailed', [C.t(said[0], said[1])]);
        }
        return null;
      }
      election = answer.data;
      C.plain($('load-status'), '');
      if (!built) {
        build();
        built = true;
      }
      renderHeading();
      renderForms();
      return loadCampaigns();
    });
  }

  function loadCampaigns() {
    return C.call('GET', base()).then(function (answer) {
      if (answer.status !== 200) {
        if (answer.status !== 401) {
          var said = C.problemText(answer);
          C.say($('list-status'), 'loadFailed', [C.t(said[0], said[1])]);
        }
        return;
      }
      campaigns = answer.data || [];
      renderList();
      if (current) {
        var fresh = find(current.id);
        if (fresh) {
          current = fresh;
          renderCampaign();
        }
      } else {
        var asked = C.fragment().get('c');
        if (asked && find(asked)) {
          openCampaign(find(asked), false);
        }
      }
      schedule();
    });
  }

  function find(campaignId) {
    for (var i = 0; i < campaigns.length; i++) {
      if (campaigns[i].id === campaignId) {
        return campaigns[i];
      }
    }
    return null;
  }

  /** Is anything moving: a campaign scheduled, or one sending with messages still waiting? */
  function live() {
    return campaigns.some(function (c) {
      var p = c.progress || {};
      return c.state === 'SCHEDULED' || c.state === 'QUEUING'
        || (c.state === 'QUEUED' && p.status === 'SENDING' && p.waiting > 0);
    });
  }

  function schedule() {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (live() && document.visibilityState !== 'hidden') {
      timer = setTimeout(function () {
        timer = null;
        if (C.session() && document.visibilityState !== 'hidden') {
          loadCampaigns();
        }
      }, REFRESH);
    }
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
    } else if (built && C.session()) {
      loadCampaigns();
    }
  });

  // ---------------------------------------------------------------- the list

  function renderHeading() {
    C.say($('heading'), 'heading', [election.title]);
    $('back').setAttribute('href', 'election.html#e=' + id);
    show('content', true);
  }

  function progressText(c) {
    var p = c.progress;
    if (!p || (c.state !== 'QUEUED' && c.state !== 'QUEUING')) {
      return C.el('span', { key: 'progressNone' });
    }
    var node = C.el('span', { className: 'progress', 'data-sent': p.sent, 'data-waiting': p.waiting });
    C.say(node, 'progress', function () {
      return [C.number(p.queued), C.number(p.sent), C.number(p.delivered), C.number(p.failed + p.undelivered),
        C.number(p.skipped), C.number(p.withdrawn + p.cancelled), C.number(p.waiting)];
    });
    return node;
  }

  function stateCell(c) {
    var cell = C.el('td', { id: 'state-' + c.id, 'data-state': c.state, 'data-status': c.progress ? c.progress.status : null });
    cell.appendChild(C.el('span', { key: 'cstate_' + c.state }));
    var status = c.progress && c.state === 'QUEUED' ? c.progress.status : null; // while queuing, its state says it
    if (status === 'SENDING' || status === 'PAUSED' || status === 'FINISHED') {
      cell.appendChild(document.createTextNode(', '));
      cell.appendChild(C.el('span', { key: 'status_' + status }));
    }
    if (c.sendAt) {
      cell.appendChild(C.el('br'));
      cell.appendChild(C.el('span', { key: 'sendAtLine', params: function () {
        return [C.time(c.sendAt)];
      } }));
    }
    if (c.note) {
      cell.appendChild(C.el('br'));
      cell.appendChild(C.el('span', { className: 'muted', key: 'noteLine', params: [c.note] }));
    }
    return cell;
  }

  function actionButton(verb, c, className) {
    var button = C.el('button', { type: 'button', className: (className || 'secondary') + ' small',
      id: verb + '-' + c.id, key: verb });
    // The visible words first, then which campaign: a voice command says what it sees (WCAG 2.5.3).
    button.setAttribute('aria-label', C.t(verb) + ' — ' + c.name);
    button.addEventListener('click', function () {
      rowAction(verb, c, button);
    });
    return button;
  }

  function renderList() {
    var focused = document.activeElement && document.activeElement.closest('#campaigns') ? document.activeElement.id : null;
    var body = C.clear(document.querySelector('#campaigns tbody'));
    var organizer = writer();
    campaigns.forEach(function (c) {
      var actions = C.el('td', {}, [C.el('div', { className: 'actions' })]);
      var box = actions.firstChild;
      box.appendChild(actionButton('open', c));
      if (organizer) {
        var status = c.progress ? c.progress.status : null;
        if (c.state === 'DRAFT' || c.state === 'SCHEDULED') {
          box.appendChild(actionButton('sendNow', c, 'primary'));
          box.appendChild(actionButton('schedule', c));
          box.appendChild(actionButton('cancel', c, 'danger'));
        } else if ((c.state === 'QUEUED' || c.state === 'QUEUING') && status === 'SENDING') {
          box.appendChild(actionButton('pause', c));
          box.appendChild(actionButton('cancel', c, 'danger'));
        } else if ((c.state === 'QUEUED' || c.state === 'QUEUING') && status === 'PAUSED') {
          box.appendChild(actionButton('resume', c));
          box.appendChild(actionButton('cancel', c, 'danger'));
        }
      }
      body.appendChild(C.el('tr', { 'data-id': c.id, id: 'row-' + c.id }, [
        C.el('th', { scope: 'row', text: c.name }),
        C.el('td', {}, [C.el('span', { key: 'kind_' + c.kind }), C.el('br'), C.el('span', { key: 'audience_' + c.audience }),
          C.el('br'), C.el('span', { key: 'channel_' + c.channel })]),
        stateCell(c),
        C.el('td', { className: 'number', text: c.recipients === null || c.recipients === undefined ? C.t('none')
          : C.number(c.recipients) }),
        C.el('td', { id: 'progress-' + c.id }, [progressText(c)]),
        actions
      ]));
    });
    // The time of the refresh is not a live region: read out every 5 seconds, it would drown the page.
    var at = new Date();
    C.say($('list-updated'), 'refreshed', function () {
      return [new Intl.DateTimeFormat(C.lang === 'fr' ? 'fr-FR' : 'en-GB', { timeStyle: 'medium' }).format(at)];
    });
    if (campaigns.length) {
      C.plain($('list-status'), '');
    } else {
      C.say($('list-status'), 'noCampaigns');
    }
    if (focused && $(focused)) {
      $(focused).focus();
    }
    if (pending && !find(pending.campaign.id)) {
      closeConfirm(false);
    }
  }

  function rowAction(verb, c, button) {
    if (verb === 'open') {
      openCampaign(c, true);
    } else if (verb === 'schedule') {
      openCampaign(c, false).then(function () {
        $('send-at').focus();
      });
    } else if (verb === 'sendNow' || verb === 'cancel') {
      askConfirm(verb, c, button);
    } else {
      post(c, verb, undefined, verb === 'pause' ? 'pausedNow' : 'resumedNow', button,
        'api/notifications/campaigns/' + c.id + '/' + verb);
    }
  }

  // ---------------------------------------------------------------- the confirmation step

  function askConfirm(verb, c, button) {
    pending = { verb: verb, campaign: c, button: button };
    var text = $('confirm-text');
    if (verb === 'sendNow') {
      var known = reach[c.id] === undefined ? null : reach[c.id];
      if (known === null) {
        C.say(text, 'confirmSendUnknown', function () {
          return [c.name, C.t('channel_' + c.channel)];
        });
      } else {
        C.say(text, 'confirmSend', function () {
          return [c.name, C.t('channel_' + c.channel), C.t('people', [C.number(known)])];
        });
      }
      C.say($('confirm-yes'), 'confirmSendYes');
    } else {
      C.say(text, 'confirmCancel', [c.name]);
      C.say($('confirm-yes'), 'confirmCancelYes');
    }
    $('confirm-yes').className = verb === 'sendNow' ? 'primary' : 'danger';
    var panel = $('confirm');
    // Next to what asked it: under the table, or in the campaign's panel when asked from there.
    var from = button && button.closest('#campaign') ? $('send-form') : $('list');
    if (panel.parentNode !== from) {
      from.appendChild(panel);
    }
    panel.hidden = false;
    C.focus(text);
  }

  function closeConfirm(refocus) {
    var was = pending;
    pending = null;
    $('confirm').hidden = true;
    if (refocus && was) {
      var again = was.button && was.button.isConnected ? was.button : $(was.button ? was.button.id : '');
      if (again) {
        again.focus();
      }
    }
  }

  function confirmed() {
    var was = pending;
    if (!was) {
      return;
    }
    closeConfirm(false);
    var form = was.button && was.button.closest('#campaign') ? $('send-form') : null;
    if (was.verb === 'sendNow') {
      post(was.campaign, 'send', {}, 'sentNow', $('confirm-yes'), null, form);
    } else {
      post(was.campaign, 'cancel', undefined, 'cancelledNow', $('confirm-yes'), null, form);
    }
  }

  /** One write on a campaign; announced, the list reloaded; a refusal said next to its field, or above. */
  function post(c, verb, body, doneKey, button, path, form) {
    if (button) {
      button.disabled = true;
    }
    if (form) {
      C.clearProblems(form);
    }
    return C.call('POST', path || base() + '/' + c.id + '/' + verb, body).then(function (answer) {
      if (button) {
        button.disabled = false;
      }
      if (answer.status >= 200 && answer.status < 300) {
        var view = answer.data || {};
        return loadCampaigns().then(function () {
          if (doneKey === 'scheduledNow') {
            announce(doneKey, [c.name, C.time(view.sendAt)]);
          } else {
            announce(doneKey, [c.name]);
          }
          return answer;
        });
      }
      if (answer.status === 401) {
        return answer;
      }
      var node = form ? C.showProblem(form, answer) : null;
      if (!node) {
        var said = C.problemText(answer);
        node = $('action-status');
        C.say(node, said[0], said[1]);
        node.hidden = false;
      }
      C.focus(node);
      return loadCampaigns().then(function () {
        return answer;
      });
    });
  }

  // ---------------------------------------------------------------- one campaign: preview, test, send

  function openCampaign(c, focus) {
    current = c;
    remember(c.id);
    C.clearProblems($('test-form'));
    C.clearProblems($('send-form'));
    C.plain($('test-status'), '');
    renderCampaign();
    show('campaign', true);
    if (focus) {
      C.focus($('campaign-title'));
    }
    return loadPreview(c);
  }

  function renderCampaign() {
    var c = current;
    var organizer = writer();
    C.say($('campaign-title'), 'campaignHeading', [c.name]);
    C.say($('campaign-line'), 'campaignLine', function () {
      return [C.t('kind_' + c.kind), C.t('audience_' + c.audience), C.t('channel_' + c.channel),
        C.t('cstate_' + c.state) + (c.sendAt ? ' ' + C.time(c.sendAt) : '')];
    });
    var open = c.state === 'DRAFT' || c.state === 'SCHEDULED';
    var editable = organizer && open && !(c.progress && c.progress.status !== 'DRAFT');
    show('edit-form', editable);
    if (editable && $('edit-form').getAttribute('data-campaign') !== c.id) {
      $('edit-form').setAttribute('data-campaign', c.id);
      C.clearProblems($('edit-form'));
      $('edit-name').value = c.name || '';
      $('edit-subject').value = c.subject || '';
      $('edit-body').value = c.body || '';
    }
    $('edit-subject-field').hidden = c.kind !== 'ANNOUNCEMENT' || c.channel !== 'EMAIL';
    $('edit-body-field').hidden = c.kind !== 'ANNOUNCEMENT';
    show('test-form', organizer && open);
    show('send-form', organizer && open);
    var sms = c.channel === 'SMS';
    C.say($('test-intro'), sms ? 'testIntroSms' : 'testIntroEmail');
    var to = $('test-to');
    if (to.getAttribute('data-channel') !== c.channel) {
      to.value = '';
      to.setAttribute('data-channel', c.channel);
    }
    C.say(document.querySelector('label[for="test-to"]'), sms ? 'testToSms' : 'testToEmail');
    $('test-to-hint').hidden = !sms;
    to.type = sms ? 'tel' : 'email';
    to.setAttribute('autocomplete', sms ? 'tel' : 'email');
    to.setAttribute('inputmode', sms ? 'tel' : 'email');
    to.setAttribute('placeholder', sms ? '+33…' : '');
    $('test-send').disabled = c.testsSent >= MAX_TESTS;
    C.say($('tests-used'), c.testsSent >= MAX_TESTS ? 'testsExhausted' : 'testsUsed', [c.testsSent]);
    if (c.state === 'SCHEDULED' && c.sendAt && document.activeElement !== $('send-at')) {
      $('send-at').value = localValue(c.sendAt);
    }
  }

  function loadPreview(c) {
    var holder = C.clear($('preview'));
    C.say($('audience-now'), 'previewLoading');
    return C.call('GET', base() + '/' + c.id + '/preview').then(function (answer) {
      if (!current || current.id !== c.id) {
        return;
      }
      if (answer.status !== 200 || !answer.data) {
        if (answer.status !== 401) {
          var said = C.problemText(answer);
          C.say($('audience-now'), 'previewFailed', [C.t(said[0], said[1])]);
        }
        return;
      }
      var preview = answer.data;
      reach[c.id] = preview.audienceNow;
      C.say($('audience-now'), 'audienceNow', function () {
        return [C.number(preview.audienceNow)];
      });
      (preview.messages || []).forEach(function (m) {
        holder.appendChild(previewOf(m));
      });
    });
  }

  /** One language's message: its subject and text as text; an email's HTML in a frame without scripts or origin. */
  function previewOf(m) {
    var language = m.language === 'en' ? 'en' : 'fr';
    var article = C.el('article', { className: 'preview', id: 'preview-' + language, lang: language }, [
      C.el('h4', { key: 'lang_' + language, lang: C.lang })
    ]);
    if (m.subject) {
      article.appendChild(C.el('p', { className: 'muted', key: 'subjectLabel', lang: C.lang }));
      article.appendChild(C.el('p', { className: 'preview-subject', id: 'preview-subject-' + language, text: m.subject }));
    }
    article.appendChild(C.el('p', { className: 'muted', key: 'textLabel', lang: C.lang }));
    article.appendChild(C.el('pre', { className: 'preview-text', id: 'preview-text-' + language, text: m.text || '' }));
    if (m.html) {
      article.appendChild(C.el('p', { className: 'muted', key: 'htmlLabel', lang: C.lang }));
      var frame = C.el('iframe', { sandbox: '', className: 'preview-html', id: 'preview-html-' + language,
        referrerpolicy: 'no-referrer', title: C.t('htmlFrame', [C.t('lang_' + language)]) });
      // srcdoc is an attribute: the email's HTML is parsed in the frame (its own opaque origin, no script), never
      // in the page.
      frame.setAttribute('srcdoc', m.html);
      article.appendChild(frame);
      article.appendChild(C.el('p', { className: 'hint', key: 'htmlNote', lang: C.lang }));
    }
    return article;
  }

  /** The correction of a campaign that has not gone: its name, an announcement's subject and text (PUT). */
  function buildEdit() {
    var form = $('edit-form');
    form.appendChild(C.field({ id: 'edit-name', label: 'name', field: 'name', maxlength: 200 }));
    form.appendChild(C.field({ id: 'edit-subject', label: 'subject', field: 'subject', maxlength: 150 }));
    form.appendChild(C.field({ id: 'edit-body', label: 'body', field: 'body', rows: 6 }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': 'state', hidden: true, role: 'alert' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'secondary', id: 'edit-save', key: 'editSave' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var c = current;
      if (!c) {
        return;
      }
      C.clearProblems(form);
      var request = { name: $('edit-name').value.trim() };
      if (c.kind === 'ANNOUNCEMENT') {
        request.body = $('edit-body').value.trim();
        if (c.channel === 'EMAIL') {
          request.subject = $('edit-subject').value.trim();
        }
      }
      var button = $('edit-save');
      button.disabled = true;
      C.call('PUT', base() + '/' + c.id, request).then(function (answer) {
        button.disabled = false;
        if (answer.status === 200 && answer.data) {
          var saved = answer.data;
          form.removeAttribute('data-campaign');
          return loadCampaigns().then(function () {
            openCampaign(find(saved.id) || saved, false);
            announce('changesSaved', [saved.name]);
          });
        }
        var node = C.showProblem(form, answer);
        if (node) {
          C.focus(node);
        }
        return null;
      });
    });
  }

  function buildTest() {
    var form = $('test-form');
    form.appendChild(C.field({ id: 'test-to', label: 'testToEmail', hint: 'testToSmsHint', field: 'to',
      type: 'email', spellcheck: 'false' }));
    var languages = C.el('fieldset', { className: 'field', id: 'test-language-field' }, [
      C.el('legend', { key: 'testLanguage' }),
      C.el('p', { className: 'error', 'data-field': 'language', hidden: true })
    ]);
    ['fr', 'en'].forEach(function (l) {
      languages.appendChild(C.el('label', {}, [
        C.el('input', { type: 'radio', name: 'test-language', value: l, id: 'test-language-' + l, checked: l === 'fr' }),
        C.el('span', { key: 'language_' + l })
      ]));
    });
    form.appendChild(languages);
    form.appendChild(C.el('p', { className: 'hint', id: 'tests-used' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'secondary', id: 'test-send', key: 'testSend' }));
    form.appendChild(C.el('p', { id: 'test-status', role: 'status' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      C.plain($('test-status'), '');
      $('test-status').classList.remove('ok');
      var c = current;
      var to = $('test-to').value.trim();
      if (!to) {
        C.fieldMessage(form, 'to', c.channel === 'SMS' ? 'testToMissingSms' : 'testToMissingEmail');
        $('test-to').focus();
        return;
      }
      var language = form.querySelector('input[name=test-language]:checked').value;
      var button = $('test-send');
      button.disabled = true;
      C.call('POST', base() + '/' + c.id + '/test', { to: to, language: language }).then(function (answer) {
        button.disabled = false;
        if (answer.status === 202) {
          return loadCampaigns().then(function () {
            var status = $('test-status');
            C.say(status, 'testSent', [to, current ? current.testsSent : '?']);
            status.classList.add('ok');
            C.focus(status);
          });
        }
        var node = C.showProblem(form, answer);
        if (node) {
          C.focus(node);
        }
        return null;
      });
    });
  }

  function buildSend() {
    var form = $('send-form');
    form.appendChild(C.el('p', { key: 'sendIntro' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': 'state', hidden: true, role: 'alert' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': 'audience', hidden: true, role: 'alert' }));
    var now = C.el('button', { type: 'button', className: 'primary', id: 'send-now', key: 'sendNow' });
    now.addEventListener('click', function () {
      C.clearProblems(form);
      askConfirm('sendNow', current, now);
    });
    form.appendChild(C.el('div', { className: 'actions' }, [now]));
    var at = C.field({ id: 'send-at', label: 'sendAt', hint: 'sendAtHint', type: 'datetime-local', field: 'at' });
    C.say(at.querySelector('.hint'), 'sendAtHint', [zone() || '?']);
    form.appendChild(at);
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'secondary', id: 'schedule-at', key: 'schedule' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var value = $('send-at').value;
      var when = value ? withOffset(value) : null;
      if (!when) {
        C.fieldMessage(form, 'at', 'sendAtMissing');
        $('send-at').focus();
        return;
      }
      post(current, 'send', { at: when }, 'scheduledNow', $('schedule-at'), null, form);
    });
  }

  // ---------------------------------------------------------------- compose

  function radios(name, legendKey, values, hintPrefix, fieldName) {
    var set = C.el('fieldset', { className: 'field choices', id: name + '-field' }, [
      C.el('legend', { key: legendKey }),
      C.el('p', { className: 'error', id: name + '-error', 'data-field': fieldName, hidden: true })
    ]);
    values.forEach(function (v, i) {
      var hintId = name + '-' + v + '-hint';
      var noteId = name + '-' + v + '-note';
      set.appendChild(C.el('div', { className: 'choice' }, [
        C.el('label', {}, [
          C.el('input', { type: 'radio', name: name, value: v, id: name + '-' + v, checked: i === 0,
            'aria-describedby': (hintPrefix ? hintId + ' ' : '') + noteId + ' ' + name + '-error' }),
          C.el('span', { key: name + '_' + v })
        ]),
        hintPrefix ? C.el('p', { className: 'hint', id: hintId, key: hintPrefix + v }) : null,
        C.el('p', { className: 'hint note', id: noteId, hidden: true })
      ]));
    });
    return set;
  }

  function chosen(name) {
    var input = document.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : null;
  }

  function buildCompose() {
    var form = $('compose-form');
    form.appendChild(radios('kind', 'kind', ['ANNOUNCEMENT', 'REMINDER'], 'kindHint_', 'kind'));
    form.appendChild(radios('audience', 'audience', ['REGISTERED', 'ON_ROLL', 'UNVERIFIED', 'NOT_VOTED'],
      'audienceHint_', 'audience'));
    form.appendChild(radios('channel', 'channel', ['EMAIL', 'SMS'], null, 'channel'));
    form.appendChild(C.field({ id: 'subject', label: 'subject', hint: 'subjectHint', field: 'subject', maxlength: 150 }));
    var body = C.field({ id: 'body', label: 'body', hint: 'bodyHintEmail', field: 'body', rows: 6 });
    var count = C.el('p', { className: 'hint', id: 'body-count' });
    body.appendChild(count);
    var textarea = body.querySelector('textarea');
    textarea.setAttribute('aria-describedby', textarea.getAttribute('aria-describedby') + ' body-count');
    form.appendChild(body);
    form.appendChild(C.field({ id: 'campaign-name', label: 'name', hint: 'nameHint', field: 'name', maxlength: 200 }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': 'state', hidden: true, role: 'alert' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'primary', id: 'compose-submit', key: 'saveDraft' }));
    form.addEventListener('change', composeRules);
    textarea.addEventListener('input', countBody);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var kind = chosen('kind');
      var channel = chosen('channel');
      var request = { kind: kind, audience: chosen('audience'), channel: channel,
        name: $('campaign-name').value.trim() || null };
      if (kind === 'ANNOUNCEMENT') {
        var text = $('body').value.trim();
        if (channel === 'EMAIL') {
          request.subject = $('subject').value.trim();
          if (!request.subject) {
            C.fieldMessage(form, 'subject', 'subjectMissing');
            $('subject').focus();
            return;
          }
        }
        if (!text) {
          C.fieldMessage(form, 'body', 'bodyMissing');
          $('body').focus();
          return;
        }
        if (text.length > MAX[channel]) {
          C.fieldMessage(form, 'body', 'bodyTooLong', [C.number(MAX[channel]), C.number(text.length)]);
          $('body').focus();
          return;
        }
        request.body = text;
      }
      var button = $('compose-submit');
      button.disabled = true;
      C.call('POST', base(), request).then(function (answer) {
        button.disabled = false;
        if (answer.status === 201 && answer.data) {
          $('body').value = '';
          $('subject').value = '';
          $('campaign-name').value = '';
          countBody();
          var made = answer.data;
          return loadCampaigns().then(function () {
            openCampaign(find(made.id) || made, false);
            announce('draftSaved', [made.name]);
          });
        }
        var node = C.showProblem(form, answer);
        if (node) {
          C.focus(node);
        }
        return null;
      });
    });
  }

  function setNote(name, value, key) {
    var note = $(name + '-' + value + '-note');
    if (key) {
      C.say(note, key);
    } else {
      C.plain(note, '');
    }
    note.hidden = !key;
  }

  /** What the election's state and the choices allow; the reason said next to what is unavailable. */
  function composeRules() {
    var state = election.state;
    var voting = state === 'SEALED' || state === 'VOTING';
    var reminder = chosen('kind') === 'REMINDER';
    $('kind-REMINDER').disabled = !voting;
    setNote('kind', 'REMINDER', voting ? null : 'reminderUnavailable');
    if (reminder && !voting) {
      $('kind-ANNOUNCEMENT').checked = true;
      reminder = false;
    }
    var allowed = {
      REGISTERED: !reminder, ON_ROLL: !reminder, UNVERIFIED: !reminder && state === 'REGISTRATION',
      NOT_VOTED: voting
    };
    Object.keys(allowed).forEach(function (a) {
      $('audience-' + a).disabled = !allowed[a];
      var why = null;
      if (!allowed[a]) {
        why = reminder ? 'audienceReminderOnly' : 'audienceUnavailable_' + a;
      }
      setNote('audience', a, why);
    });
    if (reminder) {
      $('audience-NOT_VOTED').checked = true;
    } else if (!allowed[chosen('audience')]) {
      $('audience-REGISTERED').checked = true;
    }
    var unverified = chosen('audience') === 'UNVERIFIED';
    $('channel-SMS').disabled = unverified;
    setNote('channel', 'SMS', unverified ? 'smsRefused' : null);
    if (unverified) {
      $('channel-EMAIL').checked = true;
    }
    var email = chosen('channel') === 'EMAIL';
    show('subject-field', !reminder && email);
    show('body-field', !reminder);
    C.say($('body-hint'), email ? 'bodyHintEmail' : 'bodyHintSms');
    countBody();
  }

  function countBody() {
    var channel = chosen('channel') || 'EMAIL';
    var length = $('body').value.trim().length;
    var max = MAX[channel];
    var node = $('body-count');
    if (length > max) {
      C.say(node, 'bodyOver', function () {
        return [C.number(length), C.number(max), C.number(length - max)];
      });
      node.className = 'error';
    } else {
      C.say(node, 'bodyCount', function () {
        return [C.number(length), C.number(max)];
      });
      node.className = 'hint';
    }
  }

  // ---------------------------------------------------------------- reminders each evening

  /** 19:00 local on each evening between the opening and the close, as a first suggestion. */
  function evenings() {
    var times = [];
    if (!election.votingOpensAt || !election.votingClosesAt) {
      return times;
    }
    var opens = new Date(election.votingOpensAt);
    var closes = new Date(election.votingClosesAt);
    var d = new Date(opens.getFullYear(), opens.getMonth(), opens.getDate(), 19, 0, 0);
    while (d < closes && times.length < MAX_REMINDERS) {
      if (d > opens && d > new Date()) {
        times.push(localValue(d.toISOString()));
      }
      d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 19, 0, 0);
    }
    return times;
  }

  function addTime(value) {
    var list = $('reminder-times');
    var n = list.children.length;
    var input = C.el('input', { type: 'datetime-local', id: 'reminder-at-' + n, value: value || null,
      'aria-describedby': 'reminder-at-' + n + '-error' });
    var remove = C.el('button', { type: 'button', className: 'link', id: 'remove-at-' + n, key: 'removeTime',
      params: [n + 1] });
    remove.addEventListener('click', function () {
      list.removeChild(item);
      renumber();
      var next = list.querySelector('input') || $('add-time');
      next.focus();
    });
    var item = C.el('li', { className: 'field' }, [
      C.el('label', { 'for': 'reminder-at-' + n, key: 'reminderTime', params: [n + 1] }),
      C.el('p', { className: 'error', id: 'reminder-at-' + n + '-error', 'data-field': 'at[' + n + ']', hidden: true }),
      C.el('div', { className: 'actions' }, [input, remove])
    ]);
    list.appendChild(item);
    return input;
  }

  function renumber() {
    Array.prototype.forEach.call($('reminder-times').children, function (item, n) {
      var input = item.querySelector('input');
      var label = item.querySelector('label');
      var error = item.querySelector('.error');
      var remove = item.querySelector('button');
      input.id = 'reminder-at-' + n;
      input.setAttribute('aria-describedby', 'reminder-at-' + n + '-error');
      label.setAttribute('for', input.id);
      C.say(label, 'reminderTime', [n + 1]);
      error.id = 'reminder-at-' + n + '-error';
      error.setAttribute('data-field', 'at[' + n + ']');
      remove.id = 'remove-at-' + n;
      C.say(remove, 'removeTime', [n + 1]);
    });
  }

  function buildReminders() {
    var form = $('reminders-form');
    var channels = C.el('fieldset', { className: 'field', id: 'reminder-channels-field' }, [
      C.el('legend', { key: 'remindersChannels' }),
      C.el('p', { className: 'error', 'data-field': 'channels', hidden: true })
    ]);
    ['EMAIL', 'SMS'].forEach(function (ch) {
      channels.appendChild(C.el('label', {}, [
        C.el('input', { type: 'checkbox', name: 'reminder-channel', value: ch, id: 'reminder-channel-' + ch,
          checked: true }),
        C.el('span', { key: 'channel_' + ch })
      ]));
    });
    form.appendChild(channels);
    var times = C.el('fieldset', { className: 'field', id: 'reminder-times-field' }, [
      C.el('legend', { key: 'remindersTimes' }),
      C.el('p', { className: 'error', 'data-field': 'at', hidden: true }),
      C.el('ol', { id: 'reminder-times', className: 'times' })
    ]);
    var add = C.el('button', { type: 'button', className: 'secondary small', id: 'add-time', key: 'addTime' });
    add.addEventListener('click', function () {
      addTime('').focus();
    });
    times.appendChild(add);
    form.appendChild(times);
    form.appendChild(C.el('p', { className: 'error', 'data-field': 'state', hidden: true, role: 'alert' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': 'audience', hidden: true, role: 'alert' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'primary', id: 'schedule-reminders',
      key: 'scheduleReminders' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var picked = Array.prototype.map.call(form.querySelectorAll('input[name=reminder-channel]:checked'), function (i) {
        return i.value;
      });
      var at = [];
      Array.prototype.forEach.call($('reminder-times').querySelectorAll('input'), function (input) {
        if (input.value) {
          at.push(withOffset(input.value));
        }
      });
      if (!picked.length) {
        C.fieldMessage(form, 'channels', 'channelsMissing');
        $('reminder-channel-EMAIL').focus();
        return;
      }
      if (!at.length) {
        C.fieldMessage(form, 'at', 'timesMissing');
        ($('reminder-at-0') || $('add-time')).focus();
        return;
      }
      if (at.length * picked.length > MAX_REMINDERS) {
        C.fieldMessage(form, 'at', 'tooManyReminders', [at.length * picked.length]);
        return;
      }
      var button = $('schedule-reminders');
      button.disabled = true;
      C.call('POST', base() + '/reminders', { channels: picked, at: at }).then(function (answer) {
        button.disabled = false;
        if (answer.status === 201) {
          return loadCampaigns().then(function () {
            announce('remindersMade', [(answer.data || []).length]);
          });
        }
        var node = C.showProblem(form, answer);
        if (node) {
          C.focus(node);
        }
        return null;
      });
    });
  }

  // ---------------------------------------------------------------- built once, shown by role and state

  function build() {
    buildCompose();
    buildEdit();
    buildTest();
    buildSend();
    buildReminders();
    $('confirm-yes').addEventListener('click', confirmed);
    $('confirm-no').addEventListener('click', function () {
      closeConfirm(true);
    });
    C.setLanguage(C.lang);
  }

  function renderForms() {
    var organizer = writer();
    var state = election.state;
    var open = state === 'REGISTRATION' || state === 'SEALED' || state === 'VOTING';
    show('compose', organizer && open);
    composeRules();
    var reminders = organizer && (state === 'SEALED' || state === 'VOTING') && !!election.votingClosesAt;
    show('reminders', reminders);
    if (reminders && !$('reminder-times').children.length) {
      var suggested = evenings();
      (suggested.length ? suggested : ['']).forEach(addTime);
    }
  }

  C.onLanguage(function () {
    if (built && election) {
      renderList();
      if (current) {
        renderCampaign();
      }
    }
  });

  window.addEventListener('hashchange', function () {
    if (C.fragment().get('e') !== id) {
      window.location.reload();
    }
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
