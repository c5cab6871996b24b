// Registering, one question per page: who you are and your consent, then each proof the election
// requires, in this order: the phone's code, the email link, the card's imprint; then "you are on
// the roll". The steps list says where the citizen is and what remains. Resumable: the
// registration's id and resume token (given once by the API) are kept in this tab's
// sessionStorage, so a reload continues where the citizen was; the personal link
// (my-registration.html#r=...&k=..., a fragment no server ever sees) resumes it anywhere else.
// Stripe.js is loaded only on the card step and the fee step, and only when the API says the
// provider is Stripe. An election with a participation fee adds the fee step after the proofs: the
// amount is shown in the page's language ("1,00 €", "€1.00") and paid with Stripe.js's
// confirmCardPayment (the card goes to Stripe, never to this server), then the server reads the
// payment back from Stripe before the registrant is on the roll.
(function () {
  'use strict';
  var OP = window.OP;
  var NBSP = '\u00a0';
  var CHARTER_VERSION = '2027-1';
  var PRIVACY_VERSION = '2027-1';
  var STORE = 'openprimary.registration';
  var ORDER = ['PHONE', 'EMAIL', 'CARD'];
  var STEP_OF = { PHONE: 'phone', EMAIL: 'email', CARD: 'card' };

  OP.texts({
    fr: {
      skip: 'Aller au contenu', loading: 'Chargement…', home: 'Accueil', mine: 'Mon inscription',
      practice: 'S’entraîner à voter', continue: 'Continuer',
      stepsHeading: 'Les étapes de votre inscription',
      stepIdentity: 'Vos nom et prénom, votre accord', stepPhone: 'Le code reçu par SMS',
      stepEmail: 'Le lien reçu par courriel', stepCard: 'L’empreinte de votre carte', stepDone: 'Sur la liste électorale',
      stateDone: '(fait)', stateCurrent: '(en cours)', stateTodo: '(à faire)',
      electionName: 'Inscription à' + NBSP + ': {0}',
      chooseHeading: 'Pour quelle élection vous inscrire' + NBSP + '?', chooseThis: 'M’inscrire à cette élection',
      identityHeading: 'Qui êtes-vous' + NBSP + '?',
      identityIntro: 'Ces informations servent seulement à établir la liste électorale de cette élection.',
      summaryHeading: 'Il y a un problème',
      firstName: 'Prénom', lastName: 'Nom',
      phone: 'Numéro de téléphone portable', phoneHint: 'Un code vous sera envoyé par SMS. Par exemple 06 12 34 56 78.',
      email: 'Adresse électronique', emailHint: 'Un lien de confirmation vous sera envoyé. Par exemple camille@example.org.',
      charterSummary: 'Lire la charte de l’élection (version 2027-1)',
      charter1: 'Je m’inscris une seule fois, en mon nom, avec mon propre téléphone, ma propre adresse et ma propre carte.',
      charter2: 'Je partage les valeurs de la primaire et j’accepte que son résultat soit public.',
      charter3: 'Je sais qu’une inscription frauduleuse peut être retirée de la liste électorale.',
      charterAccept: 'J’accepte la charte de l’élection',
      privacySummary: 'Lire ce que nous faisons de vos données (version 2027-1)',
      privacy1: 'Nous gardons vos nom, prénom, téléphone et adresse pour établir la liste électorale et vous'
        + ' envoyer votre lien de vote.',
      privacy2: 'De votre carte, nous ne gardons qu’une empreinte chiffrée qui évite les doublons : jamais le numéro.'
        + ' Rien n’est débité.',
      privacy3: 'Vous pouvez télécharger vos données et retirer votre inscription tant que la liste n’est pas scellée.',
      privacy4: 'Vos données sont effacées après l’élection, au délai annoncé par les organisateurs.',
      privacyAccept: 'J’accepte le traitement de mes données décrit ci-dessus',
      register: 'Continuer', registering: 'Envoi…',
      firstNameMissing: 'Saisissez votre prénom.', lastNameMissing: 'Saisissez votre nom.',
      nameTooLong: 'Un nom a au plus 100 caractères.', nameBad: 'Ce nom contient des caractères non admis.',
      phoneMissing: 'Saisissez votre numéro de téléphone portable.',
      phoneInvalid: 'Ce numéro n’est pas un numéro de téléphone valable. Vérifiez-le, par exemple 06 12 34 56 78.',
      phoneCountry: 'Les numéros de ce pays ne peuvent pas s’inscrire à cette élection.',
      phoneNotMobile: 'Ce numéro n’est pas un portable' + NBSP + ': il faut un portable pour recevoir le code par SMS.',
      phoneOrLandline: 'Numéro de téléphone portable ou fixe',
      phoneHintLandline: 'Sans portable, donnez votre numéro fixe' + NBSP + ': un appel vocal vous dictera le code.'
        + ' Par exemple 06 12 34 56 78 ou 01 23 45 67 89.',
      phoneIntroCall: 'Nous vous appelons au {0}' + NBSP + ': une voix vous dicte un code. Saisissez-le ci-dessous.',
      emailMissing: 'Saisissez votre adresse électronique.',
      emailInvalid: 'Cette adresse n’est pas une adresse électronique. Vérifiez-la, par exemple camille@example.org.',
      emailDisposable: 'Les adresses jetables ne sont pas acceptées' + NBSP + ': utilisez votre adresse habituelle.',
      charterMissing: 'Cochez la case pour accepter la charte de l’élection.',
      privacyMissing: 'Cochez la case pour accepter le traitement de vos données.',
      duplicate: 'Cette inscription ne peut pas être acceptée' + NBSP + ': un des éléments donnés est déjà utilisé pour'
        + ' cette élection. Si vous vous êtes déjà inscrit, reprenez votre inscription avec votre lien personnel.',
      tooManyNetwork: 'Trop d’inscriptions depuis ce réseau' + NBSP + ': réessayez dans {0}.',
      tooManyPhones: 'Trop d’inscriptions avec des numéros proches' + NBSP + ': réessayez dans {0}.',
      tooManyEmails: 'Trop d’inscriptions avec ce fournisseur de courriel en ce moment' + NBSP + ': réessayez dans {0}.',
      unavailable: 'Le service ne répond pas' + NBSP + ': réessayez dans un instant. Rien n’est perdu.',
      phoneHeading: 'Confirmez votre téléphone',
      phoneIntro: 'Nous avons envoyé un code par SMS au {0}. Saisissez-le ci-dessous.',
      phoneIntroNoNumber: 'Nous avons envoyé un code par SMS à votre téléphone. Saisissez-le ci-dessous.',
      sentSms: 'Code envoyé par SMS à {0}. Il peut mettre une minute à arriver.',
      codeNotSent: 'Votre inscription est enregistrée, mais le code n’a pas pu être envoyé pour l’instant. Demandez-le dans un moment avec « Renvoyer un SMS » ou « M’appeler plutôt ».',
      sentCall: 'Appel lancé à {0}' + NBSP + ': un message vocal va vous lire le code.',
      sending: 'Envoi…',
      codeLabel: 'Le code reçu', codeHint: 'Les 6 chiffres du SMS ou de l’appel.',
      codeMissing: 'Saisissez le code reçu par SMS.',
      codeMalformed: 'Le code ne contient que des chiffres' + NBSP + ': vérifiez-le.',
      codeWrong: 'Ce code est faux ou a expiré. Vérifiez-le, ou demandez un nouveau code ci-dessous.',
      codeTooMany: 'Trop de codes faux' + NBSP + ': demandez un nouveau code dans {0}.',
      notReceivedHeading: 'Pas reçu' + NBSP + '?',
      notReceivedPhone: 'Attendez une minute, vérifiez le numéro ci-dessus, puis' + NBSP + ':',
      sendAgain: 'Renvoyer un SMS', callMe: 'M’appeler plutôt',
      phoneTooMany: 'Trop de codes ont été envoyés à ce numéro' + NBSP + ': réessayez dans {0}.',
      emailHeading: 'Confirmez votre adresse électronique',
      emailIntro: 'Nous avons envoyé un lien à {0}. Ouvrez-le, sur cet appareil ou sur un autre.',
      emailIntroNoAddress: 'Nous avons envoyé un lien à votre adresse. Ouvrez-le, sur cet appareil ou sur un autre.',
      emailWaiting: 'Cette page continue d’elle-même dès que le lien est ouvert. Le lien est valable 24' + NBSP
        + 'heures.',
      sentLink: 'Lien envoyé à {0}.',
      emailOpened: 'J’ai ouvert le lien', emailNotYet: 'Le lien n’a pas encore été ouvert. Ouvrez le lien reçu'
        + ' par courriel, puis revenez ici.',
      notReceivedEmail: 'Regardez dans les courriers indésirables, vérifiez l’adresse ci-dessus, puis' + NBSP + ':',
      linkAgain: 'Renvoyer le lien',
      linkTooMany: 'Trop de liens ont été envoyés' + NBSP + ': utilisez le dernier reçu, ou réessayez dans {0}.',
      cardHeading: 'L’empreinte de votre carte bancaire',
      cardIntro: 'Une carte bancaire ne sert qu’à une inscription' + NBSP + ': c’est ce qui empêche les inscriptions'
        + ' multiples.',
      cardNothing: 'Rien n’est débité. Votre numéro de carte ne nous parvient jamais' + NBSP + ': nous ne gardons'
        + ' qu’une empreinte chiffrée.',
      demoCardLabel: 'Numéro de la carte de test',
      demoCardHint: 'Démonstration' + NBSP + ': aucune vraie carte. Utilisez la carte de test 4000 0025 0000 3155.',
      stripeLabel: 'Votre carte bancaire',
      stripeLoading: 'Chargement du formulaire sécurisé de la banque…',
      stripeUnavailable: 'Le formulaire de carte n’a pas pu être chargé. Réessayez dans un instant.',
      cardSubmit: 'Vérifier ma carte', cardChecking: 'Vérification…',
      demoCardMissing: 'Saisissez le numéro de la carte de test.',
      demoCardInvalid: 'Un numéro de carte a 12 à 19 chiffres' + NBSP + ': par exemple 4000 0025 0000 3155.',
      cardRefused: 'La carte n’a pas été confirmée' + NBSP + ': {0}',
      cardTooMany: 'Trop de vérifications de carte ont été demandées' + NBSP + ': réessayez dans {0}.',
      cardSetupLost: 'La vérification de carte a expiré' + NBSP + ': recommencez.',
      stepFee: 'La participation aux frais',
      feeHeading: 'La participation aux frais',
      feeIntro: 'Les organisateurs demandent à chaque inscrit une participation aux frais de {0}, payée une fois par'
        + ' carte bancaire. Vous êtes sur la liste électorale une fois la participation payée.',
      feeNothing: 'Votre numéro de carte ne nous parvient jamais' + NBSP + ': le paiement se fait chez le prestataire'
        + ' de paiement, et nous ne gardons que sa référence, son montant et sa date.',
      demoFeeCardLabel: 'Numéro de la carte de test',
      demoFeeCardHint: 'Démonstration' + NBSP + ': aucun vrai paiement. Utilisez la carte de test 4242 4242 4242 4242'
        + ' (la carte 4000 0000 0000 0002 est refusée).',
      feeSubmit: 'Payer {0}', feePaying: 'Paiement…',
      feeRefused: 'Le paiement n’a pas abouti' + NBSP + ': {0}',
      feeDeclined: 'Le paiement n’a pas abouti' + NBSP + ': essayez une autre carte.',
      feeTooMany: 'Trop de paiements ont été demandés' + NBSP + ': réessayez dans {0}.',
      feeLost: 'Le paiement a expiré' + NBSP + ': recommencez.',
      doneHeading: 'Vous êtes sur la liste électorale',
      doneText: 'Votre inscription est complète. Vous recevrez votre lien de vote par SMS ou par courriel à'
        + ' l’ouverture du vote.',
      seeMine: 'Voir mon inscription',
      stopClosed: 'Les inscriptions sont closes',
      stopClosedText: 'La liste électorale de cette élection est scellée' + NBSP + ': plus aucune inscription ni'
        + ' vérification n’est possible.',
      stopNone: 'Aucune inscription n’est ouverte',
      stopNoneText: 'Aucune élection n’est ouverte aux inscriptions pour le moment.',
      stopNotFound: 'Élection introuvable',
      stopNotFoundText: 'Aucune élection ouverte aux inscriptions ne correspond à ce lien.',
      stopMembers: 'Pas d’inscription en ligne pour cette élection',
      stopMembersText: 'La liste électorale de cette élection est la liste des adhérents fournie par les'
        + ' organisateurs.',
      stopUnavailable: 'Le service ne répond pas',
      stopUnavailableText: 'Réessayez dans un instant' + NBSP + ': rechargez cette page. Rien n’est perdu.',
      resumeHeading: 'Votre lien personnel',
      resumeText: 'Gardez ce lien pour reprendre votre inscription plus tard ou sur un autre appareil, et pour la'
        + ' consulter. Ne le partagez pas' + NBSP + ': il donne accès à votre inscription.',
      resumeCopy: 'Copier mon lien', copied: 'Lien copié.',
      copyFailed: 'La copie n’a pas fonctionné' + NBSP + ': sélectionnez le lien et copiez-le.',
      titleChoose: 'Choisir l’élection', titleIdentity: 'Qui êtes-vous', titlePhone: 'Confirmez votre téléphone',
      titleEmail: 'Confirmez votre adresse', titleCard: 'Empreinte de carte', titleFee: 'Participation aux frais',
      titleDone: 'Inscription complète'
    },
    en: {
      skip: 'Skip to content', loading: 'Loading…', home: 'Home', mine: 'My registration',
      practice: 'Practise voting', continue: 'Continue',
      stepsHeading: 'The steps of your registration',
      stepIdentity: 'Your name, your consent', stepPhone: 'The code sent by SMS',
      stepEmail: 'The link sent by email', stepCard: 'Your card’s imprint', stepDone: 'On the electoral roll',
      stateDone: '(done)', stateCurrent: '(current)', stateTodo: '(to do)',
      electionName: 'Registering for: {0}',
      chooseHeading: 'Which election do you register for?', chooseThis: 'Register for this election',
      identityHeading: 'Who are you?',
      identityIntro: 'These details are used only to draw up this election’s electoral roll.',
      summaryHeading: 'There is a problem',
      firstName: 'First name', lastName: 'Last name',
      phone: 'Mobile phone number', phoneHint: 'We will send you a code by SMS. For example 06 12 34 56 78.',
      email: 'Email address', emailHint: 'We will send you a confirmation link. For example camille@example.org.',
      charterSummary: 'Read the election’s charter (version 2027-1)',
      charter1: 'I register once, in my own name, with my own phone, my own address and my own card.',
      charter2: 'I share the values of the primary and I accept that its result is public.',
      charter3: 'I know that a fraudulent registration can be removed from the roll.',
      charterAccept: 'I accept the election’s charter',
      privacySummary: 'Read what we do with your data (version 2027-1)',
      privacy1: 'We keep your names, phone and address to draw up the electoral roll and send you your voting link.',
      privacy2: 'Of your card we keep only an encrypted imprint that prevents duplicates: never its number.'
        + ' Nothing is charged.',
      privacy3: 'You can download your data and withdraw your registration until the roll is sealed.',
      privacy4: 'Your data are erased after the election, by the deadline the organizers announce.',
      privacyAccept: 'I accept the processing of my data described above',
      register: 'Continue', registering: 'Sending…',
      firstNameMissing: 'Enter your first name.', lastNameMissing: 'Enter your last name.',
      nameTooLong: 'A name has at most 100 characters.', nameBad: 'This name has characters that are not allowed.',
      phoneMissing: 'Enter your mobile phone number.',
      phoneInvalid: 'This is not a valid phone number. Check it, for example 06 12 34 56 78.',
      phoneCountry: 'Numbers from this country cannot register for this election.',
      phoneNotMobile: 'This is not a mobile number: you need a mobile to receive the code by SMS.',
      phoneOrLandline: 'Mobile or landline phone number',
      phoneHintLandline: 'Without a mobile, give your landline: a voice call will read you the code.'
        + ' For example 06 12 34 56 78 or 01 23 45 67 89.',
      phoneIntroCall: 'We are calling {0}: a voice reads you a code. Enter it below.',
      emailMissing: 'Enter your email address.',
      emailInvalid: 'This is not an email address. Check it, for example camille@example.org.',
      emailDisposable: 'Throw-away addresses are not accepted: use your usual address.',
      charterMissing: 'Tick the box to accept the election’s charter.',
      privacyMissing: 'Tick the box to accept the processing of your data.',
      duplicate: 'This registration cannot be accepted: one of the details given is already used for this'
        + ' election. If you registered before, resume your registration with your personal link.',
      tooManyNetwork: 'Too many registrations from this network: try again in {0}.',
      tooManyPhones: 'Too many registrations with similar numbers: try again in {0}.',
      tooManyEmails: 'Too many registrations with this email provider right now: try again in {0}.',
      unavailable: 'The service does not answer: try again in a moment. Nothing is lost.',
      phoneHeading: 'Confirm your phone',
      phoneIntro: 'We sent a code by SMS to {0}. Enter it below.',
      phoneIntroNoNumber: 'We sent a code by SMS to your phone. Enter it below.',
      sentSms: 'Code sent by SMS at {0}. It may take a minute to arrive.',
      codeNotSent: 'Your registration is recorded, but the code could not be sent just now. Ask for it in a moment with “Send another SMS” or “Call me instead”.',
      sentCall: 'Call started at {0}: a voice message will read you the code.',
      sending: 'Sending…',
      codeLabel: 'The code you received', codeHint: 'The 6 digits in the SMS or the call.',
      codeMissing: 'Enter the code you received by SMS.',
      codeMalformed: 'The code is only digits: check it.',
      codeWrong: 'This code is wrong or has expired. Check it, or ask for a new code below.',
      codeTooMany: 'Too many wrong codes: ask for a new code in {0}.',
      notReceivedHeading: 'Not received?',
      notReceivedPhone: 'Wait a minute, check the number above, then:',
      sendAgain: 'Send another SMS', callMe: 'Call me instead',
      phoneTooMany: 'Too many codes were sent to this number: try again in {0}.',
      emailHeading: 'Confirm your email address',
      emailIntro: 'We sent a link to {0}. Open it, on this device or another one.',
      emailIntroNoAddress: 'We sent a link to your address. Open it, on this device or another one.',
      emailWaiting: 'This page goes on by itself once the link is opened. The link is valid for 24 hours.',
      sentLink: 'Link sent at {0}.',
      emailOpened: 'I have opened the link', emailNotYet: 'The link has not been opened yet. Open the link you'
        + ' received by email, then come back here.',
      notReceivedEmail: 'Look in your spam folder, check the address above, then:',
      linkAgain: 'Send the link again',
      linkTooMany: 'Too many links were sent: use the last one you received, or try again in {0}.',
      cardHeading: 'Your bank card’s imprint',
      cardIntro: 'A bank card can be used for one registration only: this is what prevents multiple registrations.',
      cardNothing: 'Nothing is charged. Your card number never reaches us: we keep only an encrypted imprint.',
      demoCardLabel: 'Test card number',
      demoCardHint: 'Demonstration: no real card. Use the test card 4000 0025 0000 3155.',
      stripeLabel: 'Your bank card',
      stripeLoading: 'Loading the bank’s secure form…',
      stripeUnavailable: 'The card form could not be loaded. Try again in a moment.',
      cardSubmit: 'Check my card', cardChecking: 'Checking…',
      demoCardMissing: 'Enter the test card number.',
      demoCardInvalid: 'A card number has 12 to 19 digits: for example 4000 0025 0000 3155.',
      cardRefused: 'The card was not confirmed: {0}',
      cardTooMany: 'Too many card checks were asked for: try again in {0}.',
      cardSetupLost: 'The card check expired: start again.',
      stepFee: 'The participation fee',
      feeHeading: 'The participation fee',
      feeIntro: 'The organizers ask every registrant for a participation fee of {0}, paid once by bank card. You are'
        + ' on the electoral roll once the fee is paid.',
      feeNothing: 'Your card number never reaches us: the payment is made with the payment provider, and we keep only'
        + ' its reference, amount and date.',
      demoFeeCardLabel: 'Test card number',
      demoFeeCardHint: 'Demonstration: no real payment. Use the test card 4242 4242 4242 4242 (the card'
        + ' 4000 0000 0000 0002 is declined).',
      feeSubmit: 'Pay {0}', feePaying: 'Paying…',
      feeRefused: 'The payment did not go through: {0}',
      feeDeclined: 'The payment did not go through: try another card.',
      feeTooMany: 'Too many payments were asked for: try again in {0}.',
      feeLost: 'The payment expired: start again.',
      doneHeading: 'You are on the electoral roll',
      doneText: 'Your registration is complete. You will receive your voting link by SMS or email when voting opens.',
      seeMine: 'See my registration',
      stopClosed: 'Registration is closed',
      stopClosedText: 'This election’s roll is sealed: no registration or check is possible any more.',
      stopNone: 'No registration is open',
      stopNoneText: 'No election is open for registration at the moment.',
      stopNotFound: 'Election not found',
      stopNotFoundText: 'No election open for registration matches this link.',
      stopMembers: 'No online registration for this election',
      stopMembersText: 'This election’s roll is the list of members the organizers provide.',
      stopUnavailable: 'The service does not answer',
      stopUnavailableText: 'Try again in a moment: reload this page. Nothing is lost.',
      resumeHeading: 'Your personal link',
      resumeText: 'Keep this link to resume your registration later or on another device, and to look at it.'
        + ' Do not share it: it gives access to your registration.',
      resumeCopy: 'Copy my link', copied: 'Link copied.',
      copyFailed: 'Copying did not work: select the link and copy it.',
      titleChoose: 'Choose the election', titleIdentity: 'Who are you', titlePhone: 'Confirm your phone',
      titleEmail: 'Confirm your address', titleCard: 'Card imprint', titleFee: 'Participation fee',
      titleDone: 'Registration complete'
    }
  });

  var TITLES = { choose: 'titleChoose', identity: 'titleIdentity', phone: 'titlePhone', email: 'titleEmail',
    card: 'titleCard', fee: 'titleFee', done: 'titleDone' };
  var STEP_NAMES = { identity: 'stepIdentity', phone: 'stepPhone', email: 'stepEmail', card: 'stepCard',
    fee: 'stepFee', done: 'stepDone' };
  var state = { election: null, id: null, token: null, status: null, step: null, phone: null, email: null,
    sent: {}, setup: null, stripe: null, stripeCard: null, polling: null, payment: null, feeCard: null };

  function $(id) {
    return document.getElementById(id);
  }

  // ---------------------------------------------------------------- keeping the registration

  function keep() {
    try {
      window.sessionStorage.setItem(STORE, JSON.stringify({ e: state.election && state.election.id, r: state.id,
        k: state.token, phone: state.phone, email: state.email, sent: state.sent }));
    } catch (e) {
      // without storage, the personal link resumes the registration
    }
  }

  function kept() {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORE)) || {};
    } catch (e) {
      return {};
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

  function personalLink() {
    return new URL('my-registration.html#r=' + state.id + '&k=' + encodeURIComponent(state.token),
      window.location.href).href;
  }

  // ---------------------------------------------------------------- where the citizen is

  function steps() {
    var required = state.status ? state.status.requiredFactors : (state.election && state.election.requiredFactors);
    var list = ['identity'];
    ORDER.forEach(function (factor) {
      if ((required || ORDER).indexOf(factor) >= 0) {
        list.push(STEP_OF[factor]);
      }
    });
    if (feeCents() > 0) {
      list.push('fee');
    }
    list.push('done');
    return list;
  }

  /** The election's participation fee in cents (0: none), from the registration's status or the election. */
  function feeCents() {
    var from = state.status || state.election;
    return from && from.feeCents ? from.feeCents : 0;
  }

  /** The fee as the page's language writes an amount: "1,00 €" in French, "€1.00" in English. */
  function feeAmount() {
    var from = state.status || state.election;
    var currency = (from && from.feeCurrency) || 'EUR';
    return function (lang) {
      return [new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: currency })
        .format(feeCents() / 100)];
    };
  }

  function isDone(step) {
    if (step === 'identity') {
      return !!state.id;
    }
    if (step === 'done') {
      return !!state.status && state.status.status === 'ON_ROLL';
    }
    if (step === 'fee') {
      return !!state.status && !!state.status.feePaid;
    }
    var factor = step.toUpperCase();
    return !!state.status && state.status.verifiedFactors.indexOf(factor) >= 0;
  }

  function showSteps() {
    var all = steps();
    var list = $('steps');
    list.replaceChildren();
    all.forEach(function (step) {
      var item = OP.el('li');
      var current = step === state.step;
      var done = !current && isDone(step);
      item.className = current ? 'current' : done ? 'done' : 'todo';
      if (current) {
        item.setAttribute('aria-current', 'step');
      }
      item.appendChild(OP.say(OP.el('span', 'step-name'), STEP_NAMES[step]));
      item.appendChild(document.createTextNode(' '));
      item.appendChild(OP.say(OP.el('span', 'step-state'), current ? 'stateCurrent' : done ? 'stateDone' : 'stateTodo'));
      list.appendChild(item);
    });
    $('steps-nav').hidden = false;
  }

  function title() {
    var text = state.step === 'stop' ? $('stop-heading').textContent : OP.t(TITLES[state.step] || 'loading');
    document.title = text + ' — OpenPrimary';
  }

  function goTo(step) {
    ['choose', 'identity', 'phone', 'email', 'card', 'fee', 'done', 'stop'].forEach(function (name) {
      $('step-' + name).hidden = name !== step;
    });
    $('loading').hidden = true;
    state.step = step;
    if (STEP_NAMES[step]) {
      showSteps();
    } else {
      $('steps-nav').hidden = true;
    }
    if (state.election) {
      OP.say($('election-name'), 'electionName', [state.election.title]);
      $('election-name').hidden = step === 'stop' || step === 'choose';
    }
    $('resume').hidden = !state.id || step === 'stop';
    if (state.id) {
      $('resume-link').textContent = personalLink();
    }
    if (step !== 'email') {
      stopPolling();
    }
    title();
    OP.focus($('step-' + step).querySelector('h1'));
    window.scrollTo(0, 0);
  }

  function stop(heading, text) {
    OP.say($('stop-heading'), heading);
    OP.say($('stop-text'), text);
    goTo('stop');
  }

  /** The next step from the registration's status: the first required proof not yet given. */
  function next(status) {
    state.status = status;
    if (status.status === 'ON_ROLL') {
      return goTo('done');
    }
    if (state.election && state.election.state !== 'REGISTRATION') {
      return stop('stopClosed', 'stopClosedText');
    }
    for (var i = 0; i < ORDER.length; i++) {
      var factor = ORDER[i];
      if (status.requiredFactors.indexOf(factor) >= 0 && status.verifiedFactors.indexOf(factor) < 0) {
        return show(STEP_OF[factor]);
      }
    }
    if (status.feeCents > 0 && !status.feePaid) {
      return showFee();
    }
    return goTo('done');
  }

  function show(step) {
    if (step === 'phone') {
      showPhone();
    } else if (step === 'email') {
      showEmail();
    } else if (step === 'card') {
      showCard();
    } else if (step === 'fee') {
      showFee();
    }
  }

  /** When the roll closes between two steps, or the election is gone. */
  function refusedForGood(answer) {
    var field = answer.problem && answer.problem.field;
    if (answer.status === 409 && field === 'electionId') {
      stop('stopClosed', 'stopClosedText');
      return true;
    }
    if (answer.status === 404 && (field === 'electionId' || field === 'id')) {
      // the registration is gone (withdrawn, or the personal link is stale): start again
      forget();
      state.id = null;
      state.token = null;
      state.status = null;
      stop('stopNotFound', 'stopNotFoundText');
      return true;
    }
    return false;
  }

  function waitParams(seconds) {
    return function () {
      return [seconds ? OP.duration(seconds) : OP.duration(60)];
    };
  }

  // ---------------------------------------------------------------- 0. which election

  function choose(elections) {
    var list = $('choices');
    list.replaceChildren();
    elections.forEach(function (election) {
      var item = OP.el('li');
      item.appendChild(OP.el('h2', null, election.title));
      if (election.description) {
        item.appendChild(OP.el('p', null, election.description));
      }
      var link = OP.el('a', 'button primary');
      link.href = 'register.html#e=' + election.id;
      OP.say(link, 'chooseThis');
      link.addEventListener('click', function (event) {
        event.preventDefault();
        history.replaceState(null, '', 'register.html#e=' + election.id);
        start(election);
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    goTo('choose');
  }

  function start(election) {
    state.election = election;
    if (election.rollMode === 'IMPORTED') {
      return stop('stopMembers', 'stopMembersText');
    }
    var required = election.requiredFactors || ORDER;
    $('phone-field').hidden = required.indexOf('PHONE') < 0;
    // an election may accept a landline for citizens without a mobile: its code comes by voice call
    OP.say(document.querySelector('label[for=phone]'), election.landlineVoiceCode ? 'phoneOrLandline' : 'phone');
    OP.say($('phone-hint'), election.landlineVoiceCode ? 'phoneHintLandline' : 'phoneHint');
    $('email-field').hidden = required.indexOf('EMAIL') < 0;
    goTo('identity');
  }

  // ---------------------------------------------------------------- 1. identity and consent

  var errors = []; // [field id, key, params]

  function clearErrors() {
    errors.forEach(function (error) {
      OP.fieldError(error[0]);
    });
    errors = [];
    $('identity-summary').hidden = true;
  }

  function error(field, key, params) {
    errors.push([field, key, params]);
    if (field) {
      OP.fieldError(field, key, params);
    }
  }

  function summarize() {
    var list = $('identity-summary-list');
    list.replaceChildren();
    errors.forEach(function (entry) {
      var item = OP.el('li');
      if (entry[0]) {
        var link = OP.el('a');
        link.href = '#' + entry[0];
        OP.say(link, entry[1], entry[2]);
        link.addEventListener('click', function (event) {
          event.preventDefault();
          $(entry[0]).focus();
        });
        item.appendChild(link);
      } else {
        OP.say(item, entry[1], entry[2]);
      }
      list.appendChild(item);
    });
    $('identity-summary').hidden = errors.length === 0;
    if (errors.length > 0) {
      OP.focus($('identity-summary'));
    }
  }

  function required(field) {
    return !$(field + '-field').hidden;
  }

  function submitIdentity(event) {
    event.preventDefault();
    clearErrors();
    var given = {
      firstName: $('firstName').value.trim(), lastName: $('lastName').value.trim(),
      phone: required('phone') ? $('phone').value.trim() : null,
      email: required('email') ? $('email').value.trim() : null
    };
    if (!given.firstName) {
      error('firstName', 'firstNameMissing');
    }
    if (!given.lastName) {
      error('lastName', 'lastNameMissing');
    }
    if (required('phone') && !given.phone) {
      error('phone', 'phoneMissing');
    } else if (required('phone') && !/^\+?[\d\s().-]{6,25}$/.test(given.phone)) {
      error('phone', 'phoneInvalid');
    }
    if (required('email') && !given.email) {
      error('email', 'emailMissing');
    } else if (required('email') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(given.email)) {
      error('email', 'emailInvalid');
    }
    if (!$('charter').checked) {
      error('charter', 'charterMissing');
    }
    if (!$('privacy').checked) {
      error('privacy', 'privacyMissing');
    }
    if (errors.length > 0) {
      return summarize();
    }
    var button = $('identity-submit');
    button.disabled = true;
    OP.say(button, 'registering');
    OP.call('POST', 'api/elections/' + state.election.id + '/registrants', {
      firstName: given.firstName, lastName: given.lastName, phone: given.phone, email: given.email,
      charterVersion: CHARTER_VERSION, privacyVersion: PRIVACY_VERSION, language: OP.lang
    }).then(function (answer) {
      button.disabled = false;
      OP.say(button, 'register');
      if (answer.status === 201 && answer.data && answer.data.resumeToken) {
        state.id = answer.data.id;
        state.token = answer.data.resumeToken;
        // the card step's setup, started with the registration when the election requires the card
        state.setup = answer.data.cardSetup || null;
        state.setupShown = false;
        state.phone = given.phone;
        state.email = given.email;
        var now = new Date().toISOString();
        if (answer.data.requiredFactors.indexOf('PHONE') >= 0 && answer.data.phoneCode !== 'NOT_SENT') {
          state.sent.phone = { at: now, by: 'sms' };
        }
        state.codeNotSent = answer.data.phoneCode === 'NOT_SENT';
        if (answer.data.requiredFactors.indexOf('EMAIL') >= 0) {
          state.sent.email = { at: now };
        }
        keep();
        return next(answer.data);
      }
      identityRefused(answer);
      summarize();
    });
  }

  /** The API's refusal of the identity step, next to its field, in plain words. */
  function identityRefused(answer) {
    var problem = answer.problem || {};
    var reason = problem.reason || '';
    var field = problem.field;
    if (answer.status === 0 || answer.status >= 500) {
      return error(null, 'unavailable');
    }
    if (answer.status === 429) {
      var key = field === 'phone' ? 'tooManyPhones' : field === 'email' ? 'tooManyEmails' : 'tooManyNetwork';
      return error(field === 'phone' || field === 'email' ? field : null, key, waitParams(answer.retryAfter));
    }
    if (answer.status === 409 && field === 'electionId') {
      return stop('stopClosed', 'stopClosedText');
    }
    if (answer.status === 409) {
      return error(null, 'duplicate');
    }
    if (answer.status === 404) {
      return stop('stopNotFound', 'stopNotFoundText');
    }
    // The API's stable codes (common's reasons-fr.tsv), the same in every language.
    var code = problem.code;
    if (field === 'firstName' || field === 'lastName') {
      return error(field, code === 'name-required' ? field + 'Missing' : code === 'name-too-long' ? 'nameTooLong'
        : 'nameBad');
    }
    if (field === 'phone') {
      return error('phone', code === 'phone-required' || code === 'phone-or-landline-missing' ? 'phoneMissing'
        : code === 'phone-country' ? 'phoneCountry'
        : code === 'phone-required-for-sms' || code === 'phone-landline-refused' || code === 'phone-or-landline-required'
          ? 'phoneNotMobile'
        : 'phoneInvalid');
    }
    if (field === 'email') {
      return error('email', code === 'email-disposable' ? 'emailDisposable' : code === 'email-required' ? 'emailMissing'
        : 'emailInvalid');
    }
    if (field === 'charterVersion') {
      return error('charter', 'charterMissing');
    }
    if (field === 'privacyVersion') {
      return error('privacy', 'privacyMissing');
    }
    return error(null, 'asIs', [reason || 'HTTP ' + answer.status]);
  }

  // ---------------------------------------------------------------- 2. the phone's code

  function showPhone() {
    if (state.phone) {
      OP.say($('phone-intro'), state.status && state.status.phoneByCall ? 'phoneIntroCall' : 'phoneIntro',
        [state.phone]);
    } else {
      OP.say($('phone-intro'), 'phoneIntroNoNumber');
    }
    sentPhone();
    OP.fieldError('code');
    OP.fieldError('resend');
    $('code').value = '';
    goTo('phone');
  }

  function sentPhone() {
    var sent = state.sent.phone;
    if (!sent) {
      return state.codeNotSent ? OP.say($('phone-sent'), 'codeNotSent') : OP.plain($('phone-sent'), '');
    }
    var at = new Date(sent.at);
    OP.say($('phone-sent'), sent.by === 'call' ? 'sentCall' : 'sentSms', function () {
      return [OP.time(at)];
    });
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
    OP.call('POST', 'api/registrants/' + state.id + '/phone/verify', { code: code }, bearer()).then(function (answer) {
      if (answer.status === 200 && answer.data) {
        return next(answer.data);
      }
      if (refusedForGood(answer)) {
        return null;
      }
      var field = answer.problem && answer.problem.field;
      if (answer.status === 429) {
        OP.fieldError('code', 'codeTooMany', waitParams(answer.retryAfter));
      } else if (answer.status === 409 && field === 'phone') {
        return refresh(); // already verified, e.g. in another tab
      } else if (field === 'code') {
        OP.fieldError('code', 'codeWrong');
      } else if (answer.status === 0 || answer.status >= 500) {
        OP.fieldError('code', 'unavailable');
      } else {
        OP.fieldError('code', 'asIs', [(answer.problem && answer.problem.reason) || 'HTTP ' + answer.status]);
      }
      $('code').select();
      return OP.focus($('code'));
    });
  }

  function sendCode(channel) {
    var buttons = [$('send-again'), $('call-me')];
    buttons.forEach(function (b) {
      b.disabled = true;
    });
    OP.fieldError('resend');
    OP.say($('phone-sent'), 'sending');
    OP.call('POST', 'api/registrants/' + state.id + '/phone/code', { channel: channel }, bearer()).then(function (answer) {
      buttons.forEach(function (b) {
        b.disabled = false;
      });
      if (answer.status === 202) {
        state.sent.phone = { at: new Date().toISOString(), by: channel };
        keep();
        sentPhone();
        return $('code').focus();
      }
      sentPhone();
      if (refusedForGood(answer)) {
        return null;
      }
      if (answer.status === 429) {
        return OP.fieldError('resend', 'phoneTooMany', waitParams(answer.retryAfter));
      }
      if (answer.status === 409) {
        return refresh();
      }
      return OP.fieldError('resend', answer.status === 0 || answer.status >= 500 ? 'unavailable' : 'asIs',
        [(answer.problem && answer.problem.reason) || 'HTTP ' + answer.status]);
    });
  }

  // ---------------------------------------------------------------- 3. the email link

  function showEmail() {
    if (state.email) {
      OP.say($('email-intro'), 'emailIntro', [state.email]);
    } else {
      OP.say($('email-intro'), 'emailIntroNoAddress');
    }
    sentEmail();
    OP.fieldError('email-check');
    OP.fieldError('link');
    goTo('email');
    startPolling();
  }

  function sentEmail() {
    var sent = state.sent.email;
    if (!sent) {
      return OP.plain($('email-sent'), '');
    }
    var at = new Date(sent.at);
    OP.say($('email-sent'), 'sentLink', function () {
      return [OP.time(at)];
    });
  }

  // The link is opened elsewhere (another tab, another device): the page asks now and then.
  function startPolling() {
    stopPolling();
    state.polling = window.setInterval(function () {
      refresh(true);
    }, 4000);
  }

  function stopPolling() {
    if (state.polling) {
      window.clearInterval(state.polling);
      state.polling = null;
    }
  }

  function sendLink() {
    var button = $('link-again');
    button.disabled = true;
    OP.fieldError('link');
    OP.call('POST', 'api/registrants/' + state.id + '/email/link', undefined, bearer()).then(function (answer) {
      button.disabled = false;
      if (answer.status === 202) {
        state.sent.email = { at: new Date().toISOString() };
        keep();
        return sentEmail();
      }
      if (refusedForGood(answer)) {
        return null;
      }
      if (answer.status === 429) {
        return OP.fieldError('link', 'linkTooMany', waitParams(answer.retryAfter));
      }
      if (answer.status === 409) {
        return refresh();
      }
      return OP.fieldError('link', answer.status === 0 || answer.status >= 500 ? 'unavailable' : 'asIs',
        [(answer.problem && answer.problem.reason) || 'HTTP ' + answer.status]);
    });
  }

  // ---------------------------------------------------------------- 4. the card

  function showCard() {
    OP.fieldError('card');
    OP.fieldError('demoCard');
    goTo('card');
    if (state.setup) {
      return useSetup();
    }
    var button = $('card-submit');
    button.disabled = true;
    OP.call('POST', 'api/registrants/' + state.id + '/card/setup', undefined, bearer()).then(function (answer) {
      button.disabled = false;
      if (answer.status === 200 && answer.data) {
        state.setup = answer.data;
        state.setupShown = false;
        return useSetup();
      }
      if (refusedForGood(answer)) {
        return null;
      }
      if (answer.status === 409) {
        return refresh();
      }
      if (answer.status === 429) {
        return OP.fieldError('card', 'cardTooMany', waitParams(answer.retryAfter));
      }
      return OP.fieldError('card', answer.status === 0 || answer.status >= 500 ? 'unavailable' : 'asIs',
        [(answer.problem && answer.problem.reason) || 'HTTP ' + answer.status]);
    });
  }

  // The card's form for the setup at hand, once: Stripe's, or the demo's test-card field.
  function useSetup() {
    if (state.setupShown) {
      return null;
    }
    state.setupShown = true;
    if (state.setup.provider === 'stripe') {
      return loadStripe();
    }
    $('demoCard-field').hidden = false;
    return null;
  }

  // Stripe's own script and form: the card number goes to Stripe, never to this server.
  function loadStripe() {
    $('stripe-field').hidden = false;
    withStripe(state.setup.publishableKey, 'stripe', function (elements) {
      state.stripeCard = elements.create('card', { hidePostalCode: true });
      state.stripeCard.mount('#stripe-card');
    });
  }

  /**
   * Stripe.js, loaded once for the card and the fee steps, then a card form in the field's frame
   * (field: 'stripe' for the card, 'feeStripe' for the fee; the frame is the field's '-card' div).
   */
  function withStripe(publishableKey, field, mount) {
    var frame = $(field === 'stripe' ? 'stripe-card' : 'feeStripe-card');
    OP.say(frame, 'stripeLoading');
    var ready = function () {
      if (!state.stripe) {
        state.stripe = window.Stripe(publishableKey, { locale: OP.lang });
      }
      OP.plain(frame, '');
      mount(state.stripe.elements());
    };
    if (window.Stripe) {
      return ready();
    }
    var script = document.createElement('script');
    script.src = 'https://js.stripe.com/v3/';
    script.addEventListener('load', ready);
    script.addEventListener('error', function () {
      OP.fieldError(field, 'stripeUnavailable');
    });
    document.head.appendChild(script);
  }

  function submitCard(event) {
    event.preventDefault();
    if (!state.setup) {
      return showCard();
    }
    OP.fieldError('card');
    OP.fieldError('demoCard');
    if (state.setup.provider === 'stripe') {
      if (!state.stripe) {
        return OP.fieldError('stripe', 'stripeUnavailable');
      }
      OP.fieldError('stripe');
      return state.stripe.confirmCardSetup(state.setup.clientSecret, { payment_method: { card: state.stripeCard } })
        .then(function (result) {
          if (result.error) {
            OP.fieldError('stripe', 'cardRefused', [result.error.message || '']);
            return null;
          }
          return verifyCard(null);
        });
    }
    var number = $('demoCard').value.replace(/[\s-]/g, '');
    if (!number) {
      OP.fieldError('demoCard', 'demoCardMissing');
      return OP.focus($('demoCard'));
    }
    if (!/^\d{12,19}$/.test(number)) {
      OP.fieldError('demoCard', 'demoCardInvalid');
      return OP.focus($('demoCard'));
    }
    return verifyCard(number);
  }

  function verifyCard(demoCard) {
    var button = $('card-submit');
    button.disabled = true;
    OP.say(button, 'cardChecking');
    OP.call('POST', 'api/registrants/' + state.id + '/card/verify', { setupId: state.setup.setupId, demoCard: demoCard },
      bearer()).then(function (answer) {
      button.disabled = false;
      OP.say(button, 'cardSubmit');
      if (answer.status === 200 && answer.data) {
        return next(answer.data);
      }
      if (refusedForGood(answer)) {
        return null;
      }
      var field = answer.problem && answer.problem.field;
      if (field === 'demoCard') {
        OP.fieldError('demoCard', 'demoCardInvalid');
        return OP.focus($('demoCard'));
      }
      if (field === 'setupId') {
        state.setup = null;
        state.setupShown = false;
        return OP.fieldError('card', 'cardSetupLost');
      }
      if (answer.status === 409 && !field) {
        return OP.fieldError('card', 'duplicate');
      }
      if (answer.status === 409 && field === 'card') {
        return refresh();
      }
      return OP.fieldError('card', answer.status === 0 || answer.status >= 500 ? 'unavailable' : 'asIs',
        [(answer.problem && answer.problem.reason) || 'HTTP ' + answer.status]);
    });
  }

  // ---------------------------------------------------------------- 5. the participation fee

  function showFee() {
    OP.fieldError('fee');
    OP.fieldError('demoFeeCard');
    OP.say($('fee-intro'), 'feeIntro', feeAmount());
    OP.say($('fee-submit'), 'feeSubmit', feeAmount());
    goTo('fee');
    if (state.payment) {
      return;
    }
    var button = $('fee-submit');
    button.disabled = true;
    OP.call('POST', 'api/registrants/' + state.id + '/fee/payment', undefined, bearer()).then(function (answer) {
      button.disabled = false;
      if (answer.status === 200 && answer.data) {
        state.payment = answer.data;
        if (answer.data.status === 'succeeded') {
          // paid already (a reload after paying): only the recording is left
          return verifyFee(null);
        }
        if (answer.data.provider === 'stripe') {
          $('feeStripe-field').hidden = false;
          return withStripe(answer.data.publishableKey, 'feeStripe', function (elements) {
            state.feeCard = elements.create('card', { hidePostalCode: true });
            state.feeCard.mount('#feeStripe-card');
          });
        }
        $('demoFeeCard-field').hidden = false;
        return null;
      }
      if (refusedForGood(answer)) {
        return null;
      }
      if (answer.status === 409) {
        return refresh();
      }
      if (answer.status === 429) {
        return OP.fieldError('fee', 'feeTooMany', waitParams(answer.retryAfter));
      }
      return OP.fieldError('fee', answer.status === 0 || answer.status >= 500 ? 'unavailable' : 'asIs',
        [(answer.problem && answer.problem.reason) || 'HTTP ' + answer.status]);
    });
  }

  function submitFee(event) {
    event.preventDefault();
    if (!state.payment) {
      return showFee();
    }
    OP.fieldError('fee');
    OP.fieldError('demoFeeCard');
    if (state.payment.provider === 'stripe') {
      if (!state.stripe || !state.feeCard) {
        return OP.fieldError('feeStripe', 'stripeUnavailable');
      }
      OP.fieldError('feeStripe');
      $('fee-submit').disabled = true;
      return state.stripe.confirmCardPayment(state.payment.clientSecret, { payment_method: { card: state.feeCard } })
        .then(function (result) {
          $('fee-submit').disabled = false;
          var intent = result.error ? result.error.payment_intent : result.paymentIntent;
          if (intent && intent.status === 'succeeded') {
            return verifyFee(null);
          }
          OP.fieldError('feeStripe', 'feeRefused', [(result.error && result.error.message) || '']);
          return null;
        });
    }
    var number = $('demoFeeCard').value.replace(/[\s-]/g, '');
    if (!number) {
      OP.fieldError('demoFeeCard', 'demoCardMissing');
      return OP.focus($('demoFeeCard'));
    }
    if (!/^\d{12,19}$/.test(number)) {
      OP.fieldError('demoFeeCard', 'demoCardInvalid');
      return OP.focus($('demoFeeCard'));
    }
    return verifyFee(number);
  }

  function verifyFee(demoCard) {
    var button = $('fee-submit');
    button.disabled = true;
    OP.say(button, 'feePaying');
    OP.call('POST', 'api/registrants/' + state.id + '/fee/verify', { paymentId: state.payment.paymentId,
      demoCard: demoCard }, bearer()).then(function (answer) {
      button.disabled = false;
      OP.say(button, 'feeSubmit', feeAmount());
      if (answer.status === 200 && answer.data) {
        return next(answer.data);
      }
      if (refusedForGood(answer)) {
        return null;
      }
      var field = answer.problem && answer.problem.field;
      if (field === 'demoCard') {
        OP.fieldError('demoFeeCard', 'demoCardInvalid');
        return OP.focus($('demoFeeCard'));
      }
      if (answer.status === 409 && field === 'paymentId') {
        // not paid (declined, or 3-D Secure abandoned): the same payment can be paid with another card
        return OP.fieldError('fee', 'feeDeclined');
      }
      if (field === 'paymentId') {
        state.payment = null;
        return OP.fieldError('fee', 'feeLost');
      }
      if (answer.status === 409 && field === 'fee') {
        return refresh();
      }
      return OP.fieldError('fee', answer.status === 0 || answer.status >= 500 ? 'unavailable' : 'asIs',
        [(answer.problem && answer.problem.reason) || 'HTTP ' + answer.status]);
    });
  }

  // ---------------------------------------------------------------- resuming

  /** Asks where the registration stands and goes there (quiet: only when it moved, for the email poll). */
  function refresh(quiet) {
    return OP.call('GET', 'api/registrants/' + state.id, undefined, bearer()).then(function (answer) {
      if (answer.status === 200 && answer.data) {
        var before = state.status;
        var moved = !before || before.status !== answer.data.status
          || before.verifiedFactors.length !== answer.data.verifiedFactors.length
          || before.feePaid !== answer.data.feePaid;
        if (quiet && !moved) {
          if (quiet === 'asked') {
            OP.fieldError('email-check', 'emailNotYet');
          }
          return;
        }
        return next(answer.data);
      }
      if (refusedForGood(answer)) {
        return;
      }
      if (!quiet) {
        stop('stopUnavailable', 'stopUnavailableText');
      }
    });
  }

  function copyLink() {
    var text = personalLink();
    var done = function () {
      OP.say($('resume-copied'), 'copied');
    };
    var manual = function () {
      var range = document.createRange();
      range.selectNodeContents($('resume-link'));
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      OP.say($('resume-copied'), ok ? 'copied' : 'copyFailed');
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, manual);
    } else {
      manual();
    }
  }

  function wire() {
    $('identity-form').addEventListener('submit', submitIdentity);
    $('code-form').addEventListener('submit', submitCode);
    $('send-again').addEventListener('click', function () {
      sendCode('sms');
    });
    $('call-me').addEventListener('click', function () {
      sendCode('call');
    });
    $('email-opened').addEventListener('click', function () {
      OP.fieldError('email-check');
      refresh('asked');
    });
    $('link-again').addEventListener('click', sendLink);
    $('card-form').addEventListener('submit', submitCard);
    $('fee-form').addEventListener('submit', submitFee);
    $('resume-copy').addEventListener('click', copyLink);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden && state.step === 'email') {
        refresh(true);
      }
    });
    OP.onLanguage(function () {
      title();
      if (state.id) {
        $('resume-link').textContent = personalLink();
      }
    });
  }

  function load() {
    var given = OP.fragment();
    var stored = kept();
    var wanted = given.get('e') || new URLSearchParams(window.location.search).get('e');
    if (stored.r && stored.k && (!wanted || wanted === stored.e)) {
      state.id = stored.r;
      state.token = stored.k;
      state.phone = stored.phone || null;
      state.email = stored.email || null;
      state.sent = stored.sent || {};
      wanted = stored.e;
    }
    OP.call('GET', 'api/elections').then(function (answer) {
      if (answer.status !== 200 || !Array.isArray(answer.data)) {
        return stop('stopUnavailable', 'stopUnavailableText');
      }
      var open = answer.data.filter(function (e) {
        return e.state === 'REGISTRATION';
      });
      if (state.id) {
        state.election = answer.data.filter(function (e) {
          return e.id === wanted;
        })[0] || null;
        return refresh();
      }
      if (wanted) {
        var election = open.filter(function (e) {
          return e.id === wanted;
        })[0];
        var known = answer.data.filter(function (e) {
          return e.id === wanted;
        })[0];
        if (!election && known) {
          state.election = known;
          return stop('stopClosed', 'stopClosedText');
        }
        return election ? start(election) : stop('stopNotFound', 'stopNotFoundText');
      }
      if (open.length === 0) {
        return stop('stopNone', 'stopNoneText');
      }
      return open.length === 1 ? start(open[0]) : choose(open);
    });
  }

  wire();
  OP.start();
  load();
}());
