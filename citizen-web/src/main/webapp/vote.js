// Voting day, one question per page: the code that proves it is the voter, the ballot (a grade for
// every candidate), "check your answers", one "cast my vote", then the confirmation and the receipt.
// The voting link is /vote.html#e=<election>&c=<credential>: the fragment never reaches a server;
// it is moved to this tab's sessionStorage and taken out of the address bar. The grades stay in
// this page's memory only.
(function () {
  'use strict';
  var OP = window.OP;
  var NBSP = '\u00a0';

  OP.texts({
    fr: {
      skip: 'Aller au contenu', loading: 'Chargement…', home: 'Accueil', checkAReceipt: 'Vérifier un reçu',
      step: 'Étape {0} sur 3', back: 'Retour', continue: 'Continuer',
      titleCode: 'Recevoir votre code', titleBallot: 'Votre bulletin', titleCheck: 'Vérifiez vos réponses',
      titleDone: 'Vote enregistré',
      codeIntro: 'Pour confirmer que c’est bien vous, nous envoyons un code au téléphone que vous avez vérifié'
        + ' à l’inscription. Vous en aurez besoin pour voter.',
      candidatesHeading: 'Les candidats',
      sendCode: 'Envoyez-moi le code', notReceived: 'Pas reçu' + NBSP + '? Attendez une minute, puis'
        + NBSP + ':', sendAgain: 'Renvoyer un SMS', callMe: 'M’appeler plutôt',
      sentSms: 'Code envoyé par SMS à {0}. Il peut mettre une minute à arriver.',
      sentCall: 'Appel lancé à {0}' + NBSP + ': un message vocal va vous lire le code.',
      sentEmail: 'Code envoyé par courriel à {0}, à l’adresse vérifiée lors de votre inscription.',
      sending: 'Envoi…',
      mailWaiting: 'Le courriel part dans un instant.',
      mailSent: 'Courriel remis au serveur de messagerie' + NBSP + ': s’il n’arrive pas, regardez aussi dans les'
        + ' indésirables.',
      mailDelivered: 'Courriel distribué à votre messagerie.',
      mailFailed: 'Le courriel n’a pas pu être remis. Demandez un nouveau code, ou contactez les organisateurs'
        + ' si cela se reproduit.',
      codeLabel: 'Le code reçu', codeHint: 'Les chiffres du SMS ou de l’appel.',
      codeMissing: 'Saisissez le code reçu par SMS.',
      codeMalformed: 'Le code ne contient que des chiffres (4 à 10)' + NBSP + ': vérifiez-le.',
      codeWrong: 'Ce code est faux ou a expiré. Vérifiez-le, ou demandez un nouveau code. Vos mentions sont gardées.',
      noPhone: 'Aucun téléphone vérifié n’est associé à votre inscription' + NBSP + ': le code ne peut pas être'
        + ' envoyé. Contactez les organisateurs.',
      sendUnavailable: 'Le code n’a pas pu être envoyé' + NBSP + ': le service ne répond pas. Réessayez dans un instant.',
      tooMany: 'Trop de demandes' + NBSP + ': réessayez dans {0}' + NBSP + 's.',
      tooManySoon: 'Trop de demandes' + NBSP + ': réessayez dans un instant.',
      tooManyMinutes: 'Trop de demandes' + NBSP + ': réessayez dans {0}' + NBSP + 'min.',
      ballotHeading: 'Votre bulletin',
      ballotIntro: 'Donnez une mention à chaque candidat. Vous pouvez donner la même mention à plusieurs'
        + ' candidats. Tous doivent recevoir une mention.',
      summaryHeading: 'Il manque des mentions',
      missing: 'Choisissez une mention pour {0}.',
      gradeRefused: 'Cette mention n’est pas sur l’échelle de l’élection' + NBSP + ': choisissez-en une de la liste.',
      checkHeading: 'Vérifiez vos réponses', change: 'Modifier', changeFor: 'Modifier la mention de {0}',
      castHeading: 'Voter',
      castWarning: 'Votre vote est secret. Une fois déposé, il ne peut plus être modifié.',
      cast: 'Je vote', casting: 'Envoi de votre vote…',
      castUnavailable: 'Votre vote n’a pas pu être envoyé' + NBSP + ': le service ne répond pas. Réessayez'
        + NBSP + ': si votre vote était arrivé, on vous dira que vous avez déjà voté.',
      doneHeading: 'Votre vote est dans l’urne',
      doneText: 'Merci. Il sera compté au dépouillement avec tous les autres, après la clôture.',
      receiptHeading: 'Votre reçu',
      receiptText: 'Ce reçu prouve que votre bulletin est dans l’urne, sans dire pour qui vous avez voté.'
        + ' Gardez-le pour le vérifier, maintenant ou après la publication du résultat.',
      copy: 'Copier le reçu', download: 'Télécharger le reçu (texte)', copied: 'Reçu copié.',
      copyFailed: 'La copie n’a pas fonctionné' + NBSP + ': sélectionnez le reçu et copiez-le.',
      checkReceipt: 'Vérifier mon reçu dans l’urne',
      receiptFile: 'OpenPrimary — reçu de vote\nÉlection' + NBSP + ': {0}\nIdentifiant de l’élection' + NBSP
        + ': {1}\nReçu' + NBSP + ': {2}\nPour le vérifier' + NBSP + ': {3}\n',
      stopVoted: 'Vous avez déjà voté',
      stopVotedText: 'Un vote a déjà été déposé avec ce lien, et un vote ne peut pas être modifié. Si vous avez'
        + ' donné une adresse, le reçu vous a été envoyé par courriel. Si ce n’était pas vous, signalez-le aux'
        + ' organisateurs.',
      stopNotOpen: 'Le vote n’est pas encore ouvert',
      stopNotOpenText: 'Revenez par le même lien quand le vote sera ouvert.',
      stopNotOpenAt: 'Ouverture du vote' + NBSP + ': {0}. Revenez alors par le même lien.',
      closesAt: 'Clôture du vote' + NBSP + ': {0}.',
      stopClosed: 'Le vote est clos',
      stopClosedText: 'Le bureau de vote en ligne est fermé' + NBSP + ': aucun vote ne peut plus être déposé.',
      stopBroken: 'Ce lien de vote est incomplet',
      stopBrokenText: 'Ouvrez le lien reçu par SMS ou par courriel, en entier. S’il a été coupé, copiez-le depuis'
        + ' le message.',
      stopUnknown: 'Ce lien de vote n’est pas reconnu',
      stopUnknownText: 'Ce lien ne correspond à aucun électeur de cette élection. Vérifiez que vous avez ouvert le'
        + ' dernier lien reçu.',
      stopNotFound: 'Élection introuvable',
      stopNotFoundText: 'Aucune élection publique ne correspond à ce lien.',
      stopUnavailable: 'Le service ne répond pas',
      stopUnavailableText: 'Réessayez dans un instant' + NBSP + ': rechargez cette page.',
      seeResult: 'Voir le résultat', checkYourReceipt: 'Vérifier votre reçu'
    },
    en: {
      skip: 'Skip to content', loading: 'Loading…', home: 'Home', checkAReceipt: 'Check a receipt',
      step: 'Step {0} of 3', back: 'Back', continue: 'Continue',
      titleCode: 'Get your code', titleBallot: 'Your ballot', titleCheck: 'Check your answers',
      titleDone: 'Vote recorded',
      codeIntro: 'To confirm it is you, we send a code to the phone you verified when you registered.'
        + ' You need it to vote.',
      candidatesHeading: 'The candidates',
      sendCode: 'Send me the code', notReceived: 'Not received? Wait a minute, then:',
      sendAgain: 'Send another SMS', callMe: 'Call me instead',
      sentSms: 'Code sent by SMS at {0}. It may take a minute to arrive.',
      sentCall: 'Call started at {0}: a voice message will read you the code.',
      sentEmail: 'Code sent by email at {0}, to the address you verified when you registered.',
      sending: 'Sending…',
      mailWaiting: 'The email leaves in a moment.',
      mailSent: 'Email handed to the mail server: if it does not arrive, look in your spam folder too.',
      mailDelivered: 'Email delivered to your mailbox.',
      mailFailed: 'The email could not be delivered. Ask for a new code, or contact the organizers if it happens'
        + ' again.',
      codeLabel: 'The code you received', codeHint: 'The digits in the SMS or the call.',
      codeMissing: 'Enter the code you received by SMS.',
      codeMalformed: 'The code is only digits (4 to 10): check it.',
      codeWrong: 'This code is wrong or has expired. Check it, or ask for a new code. Your grades are kept.',
      noPhone: 'No verified phone is linked to your registration, so the code cannot be sent. Please contact the'
        + ' organizers.',
      sendUnavailable: 'The code could not be sent: the service does not answer. Try again in a moment.',
      tooMany: 'Too many requests: try again in {0} s.',
      tooManySoon: 'Too many requests: try again in a moment.',
      tooManyMinutes: 'Too many requests: try again in {0} min.',
      ballotHeading: 'Your ballot',
      ballotIntro: 'Give each candidate a grade. You may give the same grade to several candidates. Every'
        + ' candidate needs a grade.',
      summaryHeading: 'Some grades are missing',
      missing: 'Choose a grade for {0}.',
      gradeRefused: 'This grade is not on the election’s scale: choose one from the list.',
      checkHeading: 'Check your answers', change: 'Change', changeFor: 'Change the grade of {0}',
      castHeading: 'Vote',
      castWarning: 'Your vote is secret. Once cast, it cannot be changed.',
      cast: 'Cast my vote', casting: 'Sending your vote…',
      castUnavailable: 'Your vote could not be sent: the service does not answer. Try again: if your vote had'
        + ' arrived, you will be told that you have already voted.',
      doneHeading: 'Your vote is in the ballot box',
      doneText: 'Thank you. It will be counted with all the others after voting closes.',
      receiptHeading: 'Your receipt',
      receiptText: 'This receipt proves your ballot is in the box, without telling whom you voted for.'
        + ' Keep it to check it, now or after the result is published.',
      copy: 'Copy the receipt', download: 'Download the receipt (text)', copied: 'Receipt copied.',
      copyFailed: 'Copying did not work: select the receipt and copy it.',
      checkReceipt: 'Check my receipt in the ballot box',
      receiptFile: 'OpenPrimary — ballot receipt\nElection: {0}\nElection id: {1}\nReceipt: {2}\nTo check it: {3}\n',
      stopVoted: 'You have already voted',
      stopVotedText: 'A vote has already been cast with this link, and a vote cannot be changed. If you gave an'
        + ' email address, its receipt was sent to you. If it was not you, please tell the organizers.',
      stopNotOpen: 'Voting has not opened yet',
      stopNotOpenText: 'Come back through the same link when voting is open.',
      stopNotOpenAt: 'Voting opens: {0}. Come back then through the same link.',
      closesAt: 'Voting closes: {0}.',
      stopClosed: 'Voting is closed',
      stopClosedText: 'The online polling station is closed: no vote can be cast any more.',
      stopBroken: 'This voting link is incomplete',
      stopBrokenText: 'Open the whole link you received by SMS or email. If it was cut, copy it from the message.',
      stopUnknown: 'This voting link is not recognised',
      stopUnknownText: 'This link matches no voter of this election. Check that you opened the latest link you'
        + ' received.',
      stopNotFound: 'Election not found',
      stopNotFoundText: 'No public election matches this link.',
      stopUnavailable: 'The service does not answer',
      stopUnavailableText: 'Try again in a moment: reload this page.',
      seeResult: 'See the result', checkYourReceipt: 'Check your receipt'
    }
  });

  var STORE = 'openprimary.vote';
  var STEPS = { code: 1, ballot: 2, check: 3 };
  var TITLES = { code: 'titleCode', ballot: 'titleBallot', check: 'titleCheck', done: 'titleDone' };
  function blank() {
    return { id: null, credential: null, election: null, choice: [], code: '', step: null,
      reviewAfterCode: false, receipt: null };
  }

  var state = blank();

  function $(id) {
    return document.getElementById(id);
  }

  function keep() {
    try {
      window.sessionStorage.setItem(STORE, JSON.stringify({ e: state.id, c: state.credential, r: state.receipt }));
    } catch (e) {
      // without storage a reload needs the link again
    }
  }

  function kept() {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORE)) || {};
    } catch (e) {
      return {};
    }
  }

  function goTo(step, how) {
    ['code', 'ballot', 'check', 'done', 'stop'].forEach(function (name) {
      $('step-' + name).hidden = name !== step;
    });
    $('loading').hidden = true;
    state.step = step;
    var progress = $('progress');
    if (STEPS[step]) {
      OP.say(progress, 'step', [STEPS[step]]);
      progress.hidden = false;
    } else {
      progress.hidden = true;
    }
    title();
    if (how !== 'silent') {
      var entry = { step: step };
      if (how === 'replace' || !history.state) {
        history.replaceState(entry, '', window.location.pathname + window.location.search);
      } else if (history.state.step !== step) {
        history.pushState(entry, '', window.location.pathname + window.location.search);
      }
    }
    OP.focus($('step-' + step).querySelector('h1'));
    window.scrollTo(0, 0);
  }

  function title() {
    var text = state.step === 'stop' ? $('stop-heading').textContent : OP.t(TITLES[state.step] || 'loading');
    document.title = text + ' — OpenPrimary';
  }

  function stop(heading, text, links, params) {
    OP.say($('stop-heading'), heading);
    OP.say($('stop-text'), text, params);
    var place = $('stop-links');
    place.replaceChildren();
    (links || []).forEach(function (link, i) {
      if (i > 0) {
        place.appendChild(document.createTextNode(' · '));
      }
      var a = OP.el('a');
      a.href = link[0];
      OP.say(a, link[1]);
      place.appendChild(a);
    });
    goTo('stop', 'replace');
  }

  // Every refusal of the API, said where it belongs, in the page's words.
  function refused(answer, where) {
    var problem = answer.problem || {};
    var field = problem.field || '';
    if (answer.status === 0 || answer.status >= 500) {
      return where === 'send' ? OP.fieldError('send', 'sendUnavailable') : OP.fieldError('cast', 'castUnavailable');
    }
    if (answer.status === 429) {
      var wait = answer.retryAfter;
      var busy = !wait ? ['tooManySoon'] : wait > 90 ? ['tooManyMinutes', [Math.ceil(wait / 60)]] : ['tooMany', [wait]];
      return OP.fieldError(where, busy[0], busy[1]);
    }
    if (field === 'credential' && answer.status === 409) {
      return stop('stopVoted', 'stopVotedText', [['receipt.html#e=' + state.id, 'checkYourReceipt']]);
    }
    if (field === 'credential') {
      return stop('stopUnknown', 'stopUnknownText');
    }
    if (field === 'state') {
      return /not open/.test(problem.reason) ? stop('stopNotOpen', 'stopNotOpenText')
        : stop('stopClosed', 'stopClosedText');
    }
    if (field === 'id') {
      return stop('stopNotFound', 'stopNotFoundText');
    }
    if (field === 'code') {
      state.reviewAfterCode = true;
      $('code').value = '';
      goTo('code');
      OP.fieldError('code', 'codeWrong');
      return OP.focus($('code'));
    }
    if (field === 'phone') {
      return OP.fieldError('send', 'noPhone');
    }
    var grade = /^grades\[(\d+)\]$/.exec(field);
    if (grade && +grade[1] < state.election.candidates.length) {
      goTo('ballot');
      return missing([+grade[1]], 'gradeRefused');
    }
    return OP.fieldError(where, 'asIs', [problem.reason || ('HTTP ' + answer.status)]);
  }

  // 1. The code
  function showCodeStep() {
    var election = state.election;
    OP.plain($('code-title'), election.title);
    if (election.votingClosesAt) {
      var closes = new Date(election.votingClosesAt);
      OP.say($('closes'), 'closesAt', function () {
        return [OP.time(closes)];
      });
      $('closes').hidden = false;
    }
    var list = $('candidate-list');
    list.replaceChildren();
    election.candidates.forEach(function (name) {
      list.appendChild(OP.el('li', null, name));
    });
    goTo('code', 'replace');
  }

  function sendCode(channel) {
    var buttons = [$('send-sms'), $('send-again'), $('call-me')];
    buttons.forEach(function (b) {
      b.disabled = true;
    });
    OP.fieldError('send');
    watching++;
    showDelivery(null);
    OP.say($('sent'), 'sending');
    var mine = state;
    OP.call('POST', 'api/elections/' + state.id + '/ballot/code', { credential: state.credential, channel: channel })
      .then(function (answer) {
        if (state !== mine) {
          return; // another voting link was opened meanwhile
        }
        buttons.forEach(function (b) {
          b.disabled = false;
        });
        if (answer.status === 202 || answer.status === 200 || answer.status === 204) {
          var at = new Date();
          var by = answer.data && answer.data.sentBy; // the server says how the code went: sms, call or email
          OP.say($('sent'), by === 'email' ? 'sentEmail' : by === 'call' || (!by && channel === 'call') ? 'sentCall'
              : 'sentSms', function () {
            return [OP.time(at)];
          });
          $('send-sms').hidden = true; // from now on: "Not received?"
          $('not-received').hidden = false;
          $('code').focus();
          if (by === 'email') {
            watchDelivery(mine);
          } else {
            showDelivery(null);
          }
          return;
        }
        OP.plain($('sent'), '');
        refused(answer, 'send');
      });
  }

  // An emailed code: where the outbox stands, asked a few times, said politely (role=status). A code
  // by SMS or call says only when it was sent, as the registration page does: Twilio Verify reports no
  // delivery.
  var FINAL = { delivered: true, failed: true };
  var DELIVERY_TEXTS = { waiting: 'mailWaiting', sent: 'mailSent', delivered: 'mailDelivered', failed: 'mailFailed' };
  var watching = 0;

  function showDelivery(stateName) {
    var node = $('delivery');
    if (!stateName || !DELIVERY_TEXTS[stateName]) {
      OP.plain(node, '');
      node.hidden = true;
      return;
    }
    OP.say(node, DELIVERY_TEXTS[stateName]);
    node.className = stateName === 'failed' ? 'delivery failed' : 'delivery';
    node.hidden = false;
  }

  function watchDelivery(mine) {
    var round = ++watching;
    var asked = 0;
    function ask() {
      if (state !== mine || round !== watching) {
        return; // another link was opened, or a new code was asked for
      }
      asked++;
      OP.call('POST', 'api/elections/' + state.id + '/ballot/code/status', { credential: state.credential })
        .then(function (answer) {
          if (state !== mine || round !== watching || answer.status !== 200 || !answer.data) {
            return;
          }
          showDelivery(answer.data.state);
          if (!FINAL[answer.data.state] && asked < 6) {
            window.setTimeout(ask, 5000);
          }
        });
    }
    showDelivery('waiting');
    window.setTimeout(ask, 1500);
  }

  function submitCode(event) {
    event.preventDefault();
    var code = $('code').value.replace(/[\s-]/g, '');
    if (code === '') {
      OP.fieldError('code', 'codeMissing');
      return OP.focus($('code'));
    }
    if (!/^\d{4,10}$/.test(code)) {
      OP.fieldError('code', 'codeMalformed');
      return OP.focus($('code'));
    }
    OP.fieldError('code');
    state.code = code;
    if (state.reviewAfterCode) {
      showCheck();
    } else {
      goTo('ballot');
    }
  }

  // 2. The ballot: one real radio group per candidate, best grade first, nothing pre-selected.
  function buildBallot() {
    var election = state.election;
    var place = $('ballot');
    place.replaceChildren();
    state.choice = election.candidates.map(function () {
      return null;
    });
    var best = election.grades.slice().reverse();
    election.candidates.forEach(function (name, i) {
      var set = OP.el('fieldset', 'candidate');
      set.id = 'cand-' + i;
      set.appendChild(OP.el('legend', null, name));
      var error = OP.el('p', 'error');
      error.id = 'cand-' + i + '-error';
      error.hidden = true;
      set.setAttribute('aria-describedby', error.id);
      set.appendChild(error);
      var options = OP.el('div', 'grades');
      best.forEach(function (grade, g) {
        var input = document.createElement('input');
        input.type = 'radio';
        input.name = 'candidate-' + i;
        input.id = 'c' + i + 'g' + g;
        input.value = grade;
        input.addEventListener('change', function () {
          state.choice[i] = grade;
          OP.fieldError('cand-' + i);
          summary();
        });
        var label = OP.el('label', 'grade');
        label.htmlFor = input.id;
        label.appendChild(input);
        label.appendChild(OP.el('span', null, grade));
        options.appendChild(label);
      });
      set.appendChild(options);
      place.appendChild(set);
    });
  }

  var summaryKey = 'missing';

  function summary() {
    var list = $('ballot-summary-list');
    list.replaceChildren();
    var open = state.election.candidates.map(function (name, i) {
      return i;
    }).filter(function (i) {
      return !$('cand-' + i + '-error').hidden;
    });
    open.forEach(function (i) {
      var link = OP.el('a');
      link.href = '#cand-' + i;
      OP.say(link, summaryKey, [state.election.candidates[i]]);
      link.addEventListener('click', function (event) {
        event.preventDefault();
        var first = $('cand-' + i).querySelector('input');
        first.focus();
        $('cand-' + i).scrollIntoView({ block: 'center' });
      });
      var item = OP.el('li');
      item.appendChild(link);
      list.appendChild(item);
    });
    $('ballot-summary').hidden = open.length === 0;
  }

  function missing(indices, key) {
    summaryKey = key;
    indices.forEach(function (i) {
      OP.fieldError('cand-' + i, key, [state.election.candidates[i]]);
    });
    summary();
    OP.focus($('ballot-summary'));
  }

  function submitBallot(event) {
    event.preventDefault();
    var gaps = [];
    state.choice.forEach(function (grade, i) {
      if (grade === null) {
        gaps.push(i);
      }
    });
    if (gaps.length > 0) {
      return missing(gaps, 'missing');
    }
    showCheck();
  }

  // 3. Check your answers
  function showCheck() {
    state.reviewAfterCode = false;
    OP.plain($('check-title'), state.election.title);
    var list = $('answers');
    list.replaceChildren();
    state.election.candidates.forEach(function (name, i) {
      var row = OP.el('div', 'answer');
      row.appendChild(OP.el('dt', null, name));
      row.appendChild(OP.el('dd', 'grade-given', state.choice[i]));
      var action = OP.el('dd', 'change');
      var button = OP.el('button', 'link');
      button.type = 'button';
      OP.say(button, 'change');
      button.setAttribute('aria-label', OP.t('changeFor', [name]));
      button.addEventListener('click', function () {
        goTo('ballot');
        var checked = $('cand-' + i).querySelector('input:checked') || $('cand-' + i).querySelector('input');
        checked.focus();
        $('cand-' + i).scrollIntoView({ block: 'center' });
      });
      OP.onLanguage(function () {
        button.setAttribute('aria-label', OP.t('changeFor', [name]));
      });
      action.appendChild(button);
      row.appendChild(action);
      list.appendChild(row);
    });
    OP.fieldError('cast');
    goTo('check');
  }

  function cast() {
    var button = $('cast');
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    OP.say(button, 'casting');
    OP.fieldError('cast');
    var mine = state;
    OP.call('POST', 'api/elections/' + state.id + '/ballots',
      { credential: state.credential, code: state.code, grades: state.choice })
      .then(function (answer) {
        if (state !== mine) {
          return; // another voting link was opened meanwhile
        }
        button.disabled = false;
        OP.say(button, 'cast');
        if (answer.status === 201 && answer.data && answer.data.receipt) {
          state.receipt = answer.data.receipt;
          state.credential = null;
          state.code = '';
          state.choice = [];
          keep();
          return showDone();
        }
        refused(answer, 'cast');
      });
  }

  // 4. The confirmation and the receipt
  function showDone() {
    var receipt = state.receipt;
    $('receipt').textContent = receipt;
    var check = 'receipt.html#e=' + encodeURIComponent(state.id) + '&r=' + receipt;
    $('check-link').href = check;
    var link = $('download');
    link.download = 'receipt-' + receipt.slice(0, 12) + '.txt';
    function file() {
      if (state.receipt !== receipt) {
        return; // another voting link was opened in this tab since
      }
      var absolute = new URL(check, window.location.href).href;
      var text = OP.t('receiptFile', [state.election ? state.election.title : '', state.id, receipt, absolute]);
      if (link.href.indexOf('blob:') === 0) {
        URL.revokeObjectURL(link.href);
      }
      link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    }
    file();
    OP.onLanguage(file);
    goTo('done', 'replace');
  }

  function copy() {
    var receipt = state.receipt;
    var done = function () {
      OP.say($('copied'), 'copied');
    };
    var manual = function () {
      var range = document.createRange();
      range.selectNodeContents($('receipt'));
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      OP.say($('copied'), ok ? 'copied' : 'copyFailed');
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(receipt).then(done, manual);
    } else {
      manual();
    }
  }

  function wire() {
    $('send-sms').addEventListener('click', function () {
      sendCode('sms');
    });
    $('send-again').addEventListener('click', function () {
      sendCode('sms');
    });
    $('call-me').addEventListener('click', function () {
      sendCode('call');
    });
    $('code-form').addEventListener('submit', submitCode);
    $('ballot-form').addEventListener('submit', submitBallot);
    $('cast').addEventListener('click', cast);
    $('copy').addEventListener('click', copy);
    document.querySelectorAll('[data-back]').forEach(function (button) {
      button.addEventListener('click', function () {
        goTo(button.getAttribute('data-back'));
      });
    });
    window.addEventListener('popstate', function (event) {
      if (state.receipt) {
        return goTo('done', 'replace');
      }
      var step = event.state && event.state.step;
      if (state.election && (step === 'code' || step === 'ballot' || (step === 'check' && state.choice.indexOf(null) < 0))) {
        goTo(step, 'silent');
      }
    });
    OP.onLanguage(title);
    // Another voting link opened in this tab changes only the fragment: no page load. Nothing of
    // the first voter may stay (their credential, code, grades or receipt): start again from it.
    window.addEventListener('hashchange', function () {
      var given = OP.fragment();
      if (given.has('e') || given.has('c')) {
        restart();
      }
    });
  }

  function restart() {
    state = blank();
    ['code', 'ballot', 'check', 'done', 'stop'].forEach(function (name) {
      $('step-' + name).hidden = true;
    });
    $('progress').hidden = true;
    $('loading').hidden = false;
    $('code').value = '';
    OP.fieldError('code');
    OP.fieldError('send');
    OP.fieldError('cast');
    OP.plain($('sent'), '');
    watching++;
    showDelivery(null);
    $('send-sms').hidden = false;
    $('not-received').hidden = true;
    [$('send-sms'), $('send-again'), $('call-me'), $('cast')].forEach(function (b) {
      b.disabled = false;
    });
    OP.say($('cast'), 'cast');
    $('closes').hidden = true;
    $('ballot').replaceChildren();
    $('ballot-summary').hidden = true;
    $('answers').replaceChildren();
    $('receipt').textContent = '';
    OP.plain($('copied'), '');
    load();
  }

  function load() {
    var given = OP.fragment();
    if (given.has('e') || given.has('c')) {
      state.id = given.get('e');
      state.credential = given.get('c');
      keep();
      // the credential leaves the address bar (and the history)
      history.replaceState(null, '', window.location.pathname + window.location.search);
    } else {
      var stored = kept();
      state.id = stored.e || null;
      state.credential = stored.c || null;
      state.receipt = stored.r || null;
    }
    if (!OP.isId(state.id) || (!state.receipt && !/^[A-Za-z0-9_-]{10,100}$/.test(state.credential || ''))) {
      return stop('stopBroken', 'stopBrokenText');
    }
    var mine = state;
    OP.call('GET', 'api/elections').then(function (answer) {
      if (state !== mine) {
        return;
      }
      if (answer.status !== 200 || !Array.isArray(answer.data)) {
        return stop('stopUnavailable', 'stopUnavailableText');
      }
      var election = answer.data.filter(function (e) {
        return e.id === state.id;
      })[0];
      if (!election) {
        return stop('stopNotFound', 'stopNotFoundText');
      }
      state.election = election;
      if (state.receipt) {
        return showDone();
      }
      if (election.state === 'REGISTRATION' || election.state === 'SEALED') {
        var opens = election.votingOpensAt ? new Date(election.votingOpensAt) : null;
        return stop('stopNotOpen', opens ? 'stopNotOpenAt' : 'stopNotOpenText', [], function () {
          return opens ? [OP.time(opens)] : [];
        });
      }
      if (election.state !== 'VOTING') {
        return stop('stopClosed', 'stopClosedText', election.state === 'PUBLISHED'
          ? [['result.html#e=' + state.id, 'seeResult']] : []);
      }
      buildBallot();
      showCodeStep();
    });
  }

  OP.start();
  wire();
  load();
}());
