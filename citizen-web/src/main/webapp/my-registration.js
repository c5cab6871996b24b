// Where a registration stands: each proof the election requires, given or not, on the roll or not,
// and why not in plain words; the citizen's data to download (a JSON file) and, while the roll is
// not sealed, the withdrawal (after a confirmation step: the data are erased at once); once it is
// sealed, the request to erase the data after the result (the registration stays on the sealed
// roll, counted; the API answers 202 with the request's date and the erasure's). The
// registration is the one of this tab (kept by register.html) or the one of the personal link
// (my-registration.html#r=<id>&k=<resume token>: a fragment, never sent to any server, taken out of
// the address bar at once).
(function () {
  'use strict';
  var OP = window.OP;
  var NBSP = '\u00a0';
  var STORE = 'openprimary.registration';
  var ORDER = ['PHONE', 'EMAIL', 'CARD'];

  OP.texts({
    fr: {
      skip: 'Aller au contenu', loading: 'Chargement…', home: 'Accueil', heading: 'Mon inscription',
      registerLink: 'S’inscrire', practice: 'S’entraîner à voter',
      askIntro: 'Pour consulter votre inscription, ouvrez votre lien personnel, donné à l’inscription, ou collez-le'
        + ' ci-dessous.',
      personalLabel: 'Votre lien personnel', personalHint: 'Il commence par ' + window.location.origin
        + '/my-registration.html#r=', open: 'Voir mon inscription',
      personalMissing: 'Collez votre lien personnel.',
      personalInvalid: 'Ce n’est pas un lien personnel complet' + NBSP + ': copiez-le en entier.',
      election: 'Élection' + NBSP + ': {0}',
      onRoll: 'Vous êtes sur la liste électorale',
      onRollText: 'Vous recevrez votre lien de vote par SMS ou par courriel à l’ouverture du vote.',
      pending: 'Vous n’êtes pas encore sur la liste électorale',
      pendingText: 'Il reste {0} à faire' + NBSP + ': {1}.',
      refused: 'Vous n’êtes pas sur la liste électorale',
      refusedClosed: 'Les inscriptions ont été closes avant que toutes les vérifications soient faites'
        + NBSP + ': {0} manquait.',
      factorsHeading: 'Vos vérifications',
      PHONE: 'Téléphone (code reçu par SMS)', EMAIL: 'Adresse électronique (lien reçu par courriel)',
      CARD: 'Carte bancaire (empreinte)', FEE: 'Participation aux frais',
      feeShort: 'la participation aux frais', feePaid: NBSP + ': payée', feeNotPaid: NBSP + ': pas encore payée',
      phoneShort: 'le code reçu par SMS', emailShort: 'le lien reçu par courriel', cardShort: 'l’empreinte de la carte',
      oneStep: '1 étape', steps: '{0} étapes',
      verified: NBSP + ': vérifié', notVerified: NBSP + ': pas encore vérifié',
      goOn: 'Poursuivre mon inscription',
      helpCode: 'Votre code d’aide pour la ligne d’assistance' + NBSP + ': {0}',
      dataHeading: 'Vos données',
      dataText: 'Téléchargez tout ce que nous gardons de vous (un fichier JSON). De votre carte, seule une empreinte'
        + ' chiffrée est gardée, jamais son numéro.',
      download: 'Télécharger mes données', downloading: 'Préparation…',
      downloaded: 'Fichier {0} téléchargé.', saveAgain: 'Enregistrer à nouveau',
      withdrawHeading: 'Retirer mon inscription',
      withdrawOpen: 'Tant que la liste électorale n’est pas scellée, vous pouvez retirer votre inscription' + NBSP
        + ': vos données sont alors effacées aussitôt.',
      withdrawSealed: 'La liste électorale est scellée' + NBSP + ': votre inscription y reste et vous restez'
        + ' compté(e) parmi les inscrits. Vous pouvez demander l’effacement de vos données' + NBSP + ': vous ne'
        + ' recevrez plus de messages des organisateurs, et vos données seront effacées après la publication du'
        + ' résultat, au délai de conservation.',
      withdraw: 'Retirer mon inscription', eraseRequest: 'Demander l’effacement de mes données',
      confirmSealedHeading: 'Voulez-vous vraiment demander l’effacement de vos données' + NBSP + '?',
      confirmSealedText: 'Votre inscription reste sur la liste scellée et compte parmi les inscrits. Vous ne'
        + ' recevrez plus de messages des organisateurs, pas même l’annonce du résultat. Vos données seront'
        + ' effacées après la publication du résultat, au délai de conservation. Cela ne peut pas être annulé.',
      confirmSealedYes: 'Oui, effacer mes données après le résultat',
      requestedHeading: 'Votre demande d’effacement est enregistrée',
      requestedBy: 'Demande enregistrée le {0}. Vos données seront effacées le {1}. Votre inscription reste'
        + ' comptée sur la liste scellée.',
      requestedAfter: 'Demande enregistrée le {0}. Vos données seront effacées {1} après la publication du'
        + ' résultat. Votre inscription reste comptée sur la liste scellée.',
      requestedEarlier: 'Demande enregistrée le {0}. Vos données seront effacées après la publication du résultat,'
        + ' au délai de conservation. Votre inscription reste comptée sur la liste scellée.',
      yearsOne: '{0} an', years: '{0} ans', monthsOne: '{0} mois', months: '{0} mois', daysOne: '{0} jour',
      days: '{0} jours',
      confirmHeading: 'Voulez-vous vraiment retirer votre inscription' + NBSP + '?',
      confirmText: 'Vos données seront effacées aussitôt et vous ne pourrez pas voter, sauf à vous inscrire de'
        + ' nouveau avant la clôture des inscriptions. Cela ne peut pas être annulé.',
      confirmYes: 'Oui, retirer mon inscription', confirmNo: 'Non, la garder',
      withdrawnHeading: 'Votre inscription est retirée',
      withdrawnText: 'Vos données sont effacées. Le registre de la liste électorale garde seulement qu’une'
        + ' inscription a été retirée, sans rien dire de vous.',
      linkHeading: 'Votre lien personnel',
      linkText: 'Gardez-le pour revenir sur cette page. Ne le partagez pas.',
      forget: 'Oublier mon inscription sur cet appareil',
      notFound: 'Inscription introuvable',
      notFoundText: 'Aucune inscription ne correspond à ce lien' + NBSP + ': elle a peut-être été retirée, ou le lien'
        + ' est incomplet.',
      unavailable: 'Le service ne répond pas' + NBSP + ': réessayez dans un instant.',
      unavailableHeading: 'Le service ne répond pas',
      struckOff: 'Vous avez été radié(e) de la liste électorale',
      struckOffText: 'Motif' + NBSP + ': {0}',
      DUPLICATE_PERSON: 'la même personne est inscrite deux fois', NOT_ELIGIBLE: 'vous ne remplissez pas les'
        + ' conditions de l’élection (âge, adhésion, résidence)', IDENTITY_FRAUD: 'l’identité donnée n’est pas la'
        + ' vôtre', AT_OWN_REQUEST: 'à votre demande', DECISION_OF_AUTHORITY: 'une décision de l’autorité de l’élection',
      appealHeading: 'Faire appel',
      appealUntil: 'Vous pouvez faire appel jusqu’au {0}. Un organisateur décide dans les 3 jours.',
      appealLabel: 'Pourquoi devriez-vous être sur la liste' + NBSP + '?',
      appealHint: 'Avec vos mots, 1000 caractères au plus. Ne donnez ni mot de passe ni numéro de carte.',
      appealSend: 'Envoyer mon appel', appealMissing: 'Dites pourquoi en quelques mots.',
      appealClosed: 'Le délai pour faire appel est passé.',
      FILED: 'Votre appel du {0} est reçu' + NBSP + ': un organisateur décide au plus tard le {1}.',
      UPHELD: 'Votre appel a été examiné' + NBSP + ': la radiation est maintenue.',
      REINSTATEMENT_PROPOSED: 'Votre appel est accepté' + NBSP + ': un huissier confirme votre retour sur la liste.',
      REINSTATED: 'Votre appel est accepté' + NBSP + ': vous êtes de nouveau sur la liste électorale.'
    },
    en: {
      skip: 'Skip to content', loading: 'Loading…', home: 'Home', heading: 'My registration',
      registerLink: 'Register', practice: 'Practise voting',
      askIntro: 'To see your registration, open your personal link, given when you registered, or paste it below.',
      personalLabel: 'Your personal link', personalHint: 'It starts with ' + window.location.origin
        + '/my-registration.html#r=', open: 'See my registration',
      personalMissing: 'Paste your personal link.',
      personalInvalid: 'This is not a whole personal link: copy all of it.',
      election: 'Election: {0}',
      onRoll: 'You are on the electoral roll',
      onRollText: 'You will receive your voting link by SMS or email when voting opens.',
      pending: 'You are not on the electoral roll yet',
      pendingText: '{0} left to do: {1}.',
      refused: 'You are not on the electoral roll',
      refusedClosed: 'Registration closed before every check was done: {0} was missing.',
      factorsHeading: 'Your checks',
      PHONE: 'Phone (code sent by SMS)', EMAIL: 'Email address (link sent by email)', CARD: 'Bank card (imprint)',
      FEE: 'Participation fee', feeShort: 'the participation fee', feePaid: ': paid', feeNotPaid: ': not paid yet',
      phoneShort: 'the code sent by SMS', emailShort: 'the link sent by email', cardShort: 'the card’s imprint',
      oneStep: '1 step', steps: '{0} steps',
      verified: ': verified', notVerified: ': not verified yet',
      goOn: 'Go on with my registration',
      helpCode: 'Your help code for the hotline: {0}',
      dataHeading: 'Your data',
      dataText: 'Download everything we keep about you (a JSON file). Of your card, only an encrypted imprint is'
        + ' kept, never its number.',
      download: 'Download my data', downloading: 'Preparing…',
      downloaded: 'File {0} downloaded.', saveAgain: 'Save it again',
      withdrawHeading: 'Withdraw my registration',
      withdrawOpen: 'Until the electoral roll is sealed you can withdraw your registration: your data are then'
        + ' erased at once.',
      withdrawSealed: 'The electoral roll is sealed: your registration stays on it and you are still counted'
        + ' among the registered. You may ask for your data to be erased: you will get no more messages from the'
        + ' organizers, and your data will be erased after the result is published, at the retention deadline.',
      withdraw: 'Withdraw my registration', eraseRequest: 'Ask for my data to be erased',
      confirmSealedHeading: 'Do you really want your data to be erased?',
      confirmSealedText: 'Your registration stays on the sealed roll and is counted among the registered. You will'
        + ' get no more messages from the organizers, not even the result’s announcement. Your data will be erased'
        + ' after the result is published, at the retention deadline. This cannot be undone.',
      confirmSealedYes: 'Yes, erase my data after the result',
      requestedHeading: 'Your request for erasure is recorded',
      requestedBy: 'Request recorded on {0}. Your data will be erased on {1}. Your registration stays counted on'
        + ' the sealed roll.',
      requestedAfter: 'Request recorded on {0}. Your data will be erased {1} after the result is published. Your'
        + ' registration stays counted on the sealed roll.',
      requestedEarlier: 'Request recorded on {0}. Your data will be erased after the result is published, at the'
        + ' retention deadline. Your registration stays counted on the sealed roll.',
      yearsOne: '{0} year', years: '{0} years', monthsOne: '{0} month', months: '{0} months', daysOne: '{0} day',
      days: '{0} days',
      confirmHeading: 'Do you really want to withdraw your registration?',
      confirmText: 'Your data will be erased at once and you will not be able to vote, unless you register again'
        + ' before registration closes. This cannot be undone.',
      confirmYes: 'Yes, withdraw my registration', confirmNo: 'No, keep it',
      withdrawnHeading: 'Your registration is withdrawn',
      withdrawnText: 'Your data are erased. The roll’s ledger keeps only that a registration was withdrawn, with'
        + ' nothing about you.',
      linkHeading: 'Your personal link',
      linkText: 'Keep it to come back to this page. Do not share it.',
      forget: 'Forget my registration on this device',
      notFound: 'Registration not found',
      notFoundText: 'No registration matches this link: it may have been withdrawn, or the link is incomplete.',
      unavailable: 'The service does not answer: try again in a moment.',
      unavailableHeading: 'The service does not answer',
      struckOff: 'You were struck off the electoral roll',
      struckOffText: 'Reason: {0}',
      DUPLICATE_PERSON: 'the same person is registered twice', NOT_ELIGIBLE: 'you do not meet the election’s'
        + ' conditions (age, membership, residence)', IDENTITY_FRAUD: 'the identity given is not yours',
      AT_OWN_REQUEST: 'at your request', DECISION_OF_AUTHORITY: 'a decision of the election’s authority',
      appealHeading: 'Appeal',
      appealUntil: 'You may appeal until {0}. An organizer decides within 3 days.',
      appealLabel: 'Why should you be on the roll?',
      appealHint: 'In your own words, 1,000 characters at most. Give no password and no card number.',
      appealSend: 'Send my appeal', appealMissing: 'Say why in a few words.',
      appealClosed: 'The time to appeal has passed.',
      FILED: 'Your appeal of {0} is received: an organizer decides by {1} at the latest.',
      UPHELD: 'Your appeal was examined: the strike-off stands.',
      REINSTATEMENT_PROPOSED: 'Your appeal is accepted: a bailiff is confirming your return to the roll.',
      REINSTATED: 'Your appeal is accepted: you are on the electoral roll again.'
    }
  });

  var SHORT = { PHONE: 'phoneShort', EMAIL: 'emailShort', CARD: 'cardShort', FEE: 'feeShort' };
  var state = { id: null, token: null, status: null, election: null, file: null };

  function $(id) {
    return document.getElementById(id);
  }

  function kept() {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORE)) || {};
    } catch (e) {
      return {};
    }
  }

  function keep(extra) {
    try {
      var stored = kept();
      stored.r = state.id;
      stored.k = state.token;
      stored.e = extra || stored.e;
      window.sessionStorage.setItem(STORE, JSON.stringify(stored));
    } catch (e) {
      // without storage the personal link is needed again after a reload
    }
  }

  function forget() {
    try {
      window.sessionStorage.removeItem(STORE);
    } catch (e) {
      // nothing kept
    }
  }

  function bearer() {
    return { Authorization: 'Bearer ' + state.token };
  }

  function show(section) {
    ['ask', 'standing', 'withdrawn', 'problem'].forEach(function (name) {
      $(name).hidden = name !== section;
    });
    $('loading').hidden = true;
  }

  function problem(heading, text) {
    OP.say($('problem-heading'), heading);
    OP.say($('problem-text'), text);
    show('problem');
  }

  /** The id and token of a personal link, or null. */
  function parse(link) {
    var hash = String(link).split('#')[1];
    if (!hash) {
      return null;
    }
    var params = new URLSearchParams(hash);
    var id = params.get('r');
    var token = params.get('k');
    return OP.isId(id) && token && /^[A-Za-z0-9_-]{16,200}$/.test(token) ? { id: id, token: token } : null;
  }

  function listOf(keys) {
    return function (lang) {
      var words = keys.map(function (key) {
        return OP.t(key);
      });
      var and = lang === 'fr' ? ' et ' : ' and ';
      return words.length < 2 ? words.join('') : words.slice(0, -1).join(', ') + and + words[words.length - 1];
    };
  }

  function verdict() {
    var status = state.status;
    var panel = $('verdict');
    panel.replaceChildren();
    var missing = ORDER.filter(function (f) {
      return status.requiredFactors.indexOf(f) >= 0 && status.verifiedFactors.indexOf(f) < 0;
    });
    if (status.feeCents > 0 && !status.feePaid) {
      missing.push('FEE');
    }
    var open = !state.election || state.election.state === 'REGISTRATION';
    var heading = OP.el('h2');
    var text = OP.el('p');
    if (status.status === 'STRUCK_OFF') {
      panel.className = 'panel warning';
      OP.say(heading, 'struckOff');
      panel.appendChild(heading);
      panel.appendChild(text);
      $('go-on').hidden = true;
      return appeal(text);
    }
    $('appeal-part').hidden = true;
    if (status.status === 'ON_ROLL') {
      panel.className = 'panel success';
      OP.say(heading, 'onRoll');
      OP.say(text, 'onRollText');
    } else if (open) {
      panel.className = 'panel notice';
      OP.say(heading, 'pending');
      var what = listOf(missing.map(function (f) {
        return SHORT[f];
      }));
      OP.say(text, 'pendingText', function (lang) {
        return [missing.length === 1 ? OP.t('oneStep') : OP.t('steps', [missing.length]), what(lang)];
      });
    } else {
      panel.className = 'panel warning';
      OP.say(heading, 'refused');
      var lacking = listOf(missing.map(function (f) {
        return SHORT[f];
      }));
      OP.say(text, 'refusedClosed', function (lang) {
        return [lacking(lang)];
      });
    }
    panel.appendChild(heading);
    panel.appendChild(text);
    $('go-on').hidden = !(status.status !== 'ON_ROLL' && open);
  }

  /** A struck-off registration: the reason in plain words, the appeal's deadline, the appeal or its form. */
  function appeal(reasonNode) {
    OP.call('GET', 'api/registrants/' + state.id + '/appeal', undefined, bearer()).then(function (answer) {
      if (answer.status !== 200 || !answer.data) {
        return;
      }
      var info = answer.data;
      OP.say(reasonNode, 'struckOffText', function () {
        return [OP.t(info.reason)];
      });
      $('appeal-part').hidden = false;
      var until = new Date(info.appealUntil);
      OP.say($('appeal-deadline'), 'appealUntil', function () {
        return [OP.time(until)];
      });
      var filed = info.appeal && new Date(info.appeal.filedAt) >= new Date(info.struckOffAt) ? info.appeal : null;
      if (filed) {
        $('appeal-form').hidden = true;
        return OP.say($('appeal-state'), filed.status, function () {
          return [OP.time(new Date(filed.filedAt)), OP.time(new Date(filed.decideBy))];
        });
      }
      OP.plain($('appeal-state'), '');
      if (new Date() > until) {
        $('appeal-form').hidden = true;
        return OP.say($('appeal-state'), 'appealClosed');
      }
      $('appeal-form').hidden = false;
    });
  }

  function sendAppeal(event) {
    event.preventDefault();
    var typed = $('appeal-text').value.trim();
    if (!typed) {
      OP.fieldError('appeal-text', 'appealMissing');
      return OP.focus($('appeal-text'));
    }
    var button = $('appeal-send');
    button.disabled = true;
    OP.call('POST', 'api/registrants/' + state.id + '/appeal', { text: typed }, bearer()).then(function (answer) {
      button.disabled = false;
      if (answer.status === 201) {
        OP.fieldError('appeal-text');
        verdict();
        return OP.focus($('appeal-state'));
      }
      if (answer.problem) {
        OP.fieldError('appeal-text', 'unavailable');
        OP.plain($('appeal-text-error'), answer.problem.reason);
      } else {
        OP.fieldError('appeal-text', 'unavailable');
      }
      return OP.focus($('appeal-text'));
    });
  }

  function factors() {
    var list = $('factors');
    list.replaceChildren();
    ORDER.filter(function (f) {
      return state.status.requiredFactors.indexOf(f) >= 0;
    }).forEach(function (factor) {
      var done = state.status.verifiedFactors.indexOf(factor) >= 0;
      var item = OP.el('li', done ? 'done' : 'todo');
      item.id = 'factor-' + factor;
      item.appendChild(OP.say(OP.el('span', 'factor-name'), factor));
      item.appendChild(OP.say(OP.el('span', 'step-state'), done ? 'verified' : 'notVerified'));
      list.appendChild(item);
    });
    if (state.status.feeCents > 0) {
      // the election's participation fee: on the roll once paid, besides the checks
      var paid = !!state.status.feePaid;
      var fee = OP.el('li', paid ? 'done' : 'todo');
      fee.id = 'factor-FEE';
      fee.appendChild(OP.say(OP.el('span', 'factor-name'), 'FEE'));
      fee.appendChild(OP.say(OP.el('span', 'step-state'), paid ? 'feePaid' : 'feeNotPaid'));
      list.appendChild(fee);
    }
  }

  function standing() {
    if (state.election) {
      OP.say($('election'), 'election', [state.election.title]);
    } else {
      OP.plain($('election'), '');
    }
    verdict();
    factors();
    var help = state.status.helpCode;
    $('help').hidden = !help;
    if (help) {
      OP.say($('help'), 'helpCode', [String(help)]);
    }
    withdrawal(!state.election || state.election.state === 'REGISTRATION');
    if (state.status.erasureRequestedAt) {
      // asked on an earlier visit: the request stands, nothing more to ask
      $('withdraw-field').hidden = true;
      var asked = new Date(state.status.erasureRequestedAt);
      OP.say($('requested-text'), 'requestedEarlier', function () {
        return [day(asked)];
      });
      $('erasure-requested').hidden = false;
    }
    $('personal-link').textContent = new URL('my-registration.html#r=' + state.id + '&k='
      + encodeURIComponent(state.token), window.location.href).href;
    show('standing');
  }

  function load() {
    OP.call('GET', 'api/registrants/' + state.id, undefined, bearer()).then(function (answer) {
      if (answer.status === 404) {
        forget();
        return problem('notFound', 'notFoundText');
      }
      if (answer.status !== 200 || !answer.data) {
        return problem('unavailableHeading', 'unavailable');
      }
      state.status = answer.data;
      keep(answer.data.electionId);
      return OP.call('GET', 'api/elections').then(function (list) {
        if (list.status === 200 && Array.isArray(list.data)) {
          state.election = list.data.filter(function (e) {
            return e.id === state.status.electionId;
          })[0] || null;
        }
        standing();
      });
    });
  }

  function download() {
    var button = $('download');
    button.disabled = true;
    OP.fieldError('download');
    OP.say($('downloaded'), 'downloading');
    OP.call('GET', 'api/registrants/' + state.id + '/data', undefined, bearer()).then(function (answer) {
      button.disabled = false;
      if (answer.status !== 200 || !answer.data) {
        OP.plain($('downloaded'), '');
        return OP.fieldError('download', answer.status === 404 ? 'notFoundText' : 'unavailable');
      }
      var name = 'openprimary-registration-' + state.id + '.json';
      if (state.file) {
        URL.revokeObjectURL(state.file);
      }
      state.file = URL.createObjectURL(new Blob([JSON.stringify(answer.data, null, 2) + '\n'],
        { type: 'application/json' }));
      var link = OP.el('a');
      link.href = state.file;
      link.download = name;
      link.id = 'data-file';
      OP.say(link, 'saveAgain');
      var place = $('downloaded');
      OP.say(place, 'downloaded', [name]);
      place.appendChild(document.createTextNode(' '));
      place.appendChild(link);
      link.click();
    });
  }

  /** The withdrawal part: at once while registration is open, a request for erasure once the roll is sealed. */
  function withdrawal(open) {
    OP.say($('withdraw-text'), open ? 'withdrawOpen' : 'withdrawSealed');
    OP.say($('withdraw'), open ? 'withdraw' : 'eraseRequest');
    OP.say($('confirm-heading'), open ? 'confirmHeading' : 'confirmSealedHeading');
    OP.say($('confirm-text'), open ? 'confirmText' : 'confirmSealedText');
    OP.say($('confirm-yes'), open ? 'confirmYes' : 'confirmSealedYes');
    $('withdraw-field').hidden = false;
    $('confirm').hidden = true;
    $('erasure-requested').hidden = true;
  }

  /** A day with its year, in the page's language: an erasure is often years away. */
  function day(date) {
    return new Intl.DateTimeFormat(OP.lang === 'fr' ? 'fr-FR' : 'en-GB',
      { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  }

  /** An ISO-8601 period as the server gives it (P2Y, P6M, P30D) in words; any other shape as it is. */
  function period(iso) {
    var match = /^P(\d+)([YMD])$/.exec(iso || '');
    if (!match) {
      return iso || '';
    }
    var n = parseInt(match[1], 10);
    return OP.t({ Y: 'years', M: 'months', D: 'days' }[match[2]] + (n === 1 ? 'One' : ''), [n]);
  }

  /** The sealed roll's answer (202): the request is recorded, the data go after the result. */
  function requested(answer) {
    $('withdraw-field').hidden = true;
    $('confirm').hidden = true;
    var at = new Date(answer.requestedAt);
    var by = answer.erasedBy ? new Date(answer.erasedBy) : null;
    OP.say($('requested-text'), by ? 'requestedBy' : 'requestedAfter', function () {
      return [day(at), by ? day(by) : period(answer.retention)];
    });
    $('erasure-requested').hidden = false;
    return OP.focus($('erasure-requested'));
  }

  function withdraw() {
    OP.fieldError('withdraw');
    $('withdraw-field').hidden = true;
    $('confirm').hidden = false;
    OP.focus($('confirm-heading'));
  }

  function confirmWithdraw() {
    var yes = $('confirm-yes');
    yes.disabled = true;
    OP.call('DELETE', 'api/registrants/' + state.id, undefined, bearer()).then(function (answer) {
      yes.disabled = false;
      if (answer.status === 204) {
        forget();
        state.id = null;
        state.token = null;
        show('withdrawn');
        return OP.focus($('withdrawn').querySelector('h2'));
      }
      if (answer.status === 202 && answer.data) {
        return requested(answer.data);
      }
      $('confirm').hidden = true;
      $('withdraw-field').hidden = false;
      if (answer.status === 409) {
        // the roll was sealed meanwhile: what remains is the request for erasure
        withdrawal(false);
        return OP.focus($('withdraw-text'));
      }
      OP.fieldError('withdraw', answer.status === 404 ? 'notFoundText' : 'unavailable');
      return OP.focus($('withdraw-error'));
    });
  }

  function wire() {
    $('link-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var typed = $('personal').value.trim();
      if (!typed) {
        OP.fieldError('personal', 'personalMissing');
        return OP.focus($('personal'));
      }
      var given = parse(typed);
      if (!given) {
        OP.fieldError('personal', 'personalInvalid');
        return OP.focus($('personal'));
      }
      OP.fieldError('personal');
      state.id = given.id;
      state.token = given.token;
      keep();
      load();
    });
    $('appeal-form').addEventListener('submit', sendAppeal);
    $('download').addEventListener('click', download);
    $('withdraw').addEventListener('click', withdraw);
    $('confirm-yes').addEventListener('click', confirmWithdraw);
    $('confirm-no').addEventListener('click', function () {
      $('confirm').hidden = true;
      $('withdraw-field').hidden = false;
      $('withdraw').focus();
    });
    $('forget').addEventListener('click', function () {
      forget();
      state.id = null;
      state.token = null;
      $('personal').value = '';
      show('ask');
    });
  }

  function start() {
    var given = parse(window.location.href);
    if (given) {
      state.id = given.id;
      state.token = given.token;
      keep();
      // the token leaves the address bar (and the history)
      history.replaceState(null, '', window.location.pathname + window.location.search);
    } else {
      var stored = kept();
      if (stored.r && stored.k) {
        state.id = stored.r;
        state.token = stored.k;
      }
    }
    if (!state.id) {
      return show('ask');
    }
    return load();
  }

  wire();
  OP.start();
  start();
}());
