// One election's page (election.html#e=<id>), through its whole lifecycle; each step shows only to
// the role that takes it: the organizer describes the draft, opens registration, names the trustees
// and the threshold, sets the schedule, proposes the seal (its fingerprint shown), publishes and
// corrects; the bailiff reads the seal's document, recomputes its fingerprint, confirms it by
// typing it back, and has the key made anew after a lost share; a trustee chooses a passphrase,
// downloads their share once (a file) and brings it to the rehearsal and to the count. Everyone
// sees the trustees, the checklists, the live turnout, the count's progress and the result. On a counted
// election an organizer drafts a second round (two candidates at least, ticked; a title if wanted;
// confirmed), and follows it; a second round's page shows its roll's carry-over from the first round.
(function () {
  'use strict';
  var C = window.OPC;
  var NBSP = C.NBSP;

  C.texts({
    fr: {
      pageTitle: 'Élection', back: '‹ Toutes les élections', stateLabel: 'État' + NBSP + ':',
      badId: 'Cette adresse ne désigne aucune élection.', loadFailed: 'L’élection n’a pas pu être chargée' + NBSP + ': {0}',
      factDescription: 'Description', factCandidates: 'Candidats (ordre du bulletin)', factGrades: 'Mentions (de la pire à la meilleure)',
      factFactors: 'Preuves d’inscription', factCountries: 'Pays autorisés', factRoll: 'Liste électorale',
      factCode: 'Code de vote', factOpens: 'Ouverture du vote', factCloses: 'Clôture du vote', factFingerprint: 'Empreinte du sceau',
      factor_PHONE: 'téléphone', factor_EMAIL: 'courriel', factor_CARD: 'carte bancaire',
      roll_OPEN: 'ouverte', roll_IMPORTED: 'importée', code_sms: 'par SMS', code_email: 'par courriel',
      factLandline: 'Téléphone fixe', landlineAccepted: 'accepté (code par appel vocal)',
      factFee: 'Participation aux frais',
      describeTitle: 'Ce que lisent les citoyens', description: 'Description de l’élection',
      saveDescription: 'Enregistrer la description', candidateHeading: 'Candidat {0}' + NBSP + ': {1}',
      party: 'Parti ou soutien', photoUrl: 'Photo (adresse https)', statement: 'Courte déclaration',
      saveCandidate: 'Enregistrer la fiche de {0}', savedCandidate: 'Fiche de {0} enregistrée.',
      savedDescription: 'Description enregistrée.',
      registrationTitle: 'Ouvrir les inscriptions', openRegistration: 'Ouvrir les inscriptions',
      nothingMissing: 'Rien ne manque.', registrationOpened: 'Les inscriptions sont ouvertes.',
      trusteesTitle: 'Gardiens de clé', threshold: 'Nombre de gardiens nécessaires pour dépouiller',
      thresholdLine: '{0} gardien(s) sur {1} suffisent à dépouiller.', noTrustees: 'Aucun gardien n’est encore nommé.',
      colPosition: 'N°', colTrustee: 'Gardien', colPassphrase: 'Phrase secrète choisie', colIssued: 'Part créée',
      colDownloaded: 'Part téléchargée',
      trusteeNames: 'Comptes des gardiens (rôle gardien de clé), un par ligne, dans l’ordre',
      trusteeNamesHint: 'Chaque gardien choisit ensuite sa phrase secrète depuis son propre compte.',
      nameTrustees: 'Nommer les gardiens', trusteesNamed: 'Gardiens nommés.',
      trusteesMissing: 'Nommez au moins un gardien.', thresholdMissing: 'Indiquez combien de gardiens sont nécessaires.',
      scheduleTitle: 'Calendrier du vote', opensAt: 'Ouverture du vote (heure locale)', closesAt: 'Clôture du vote (heure locale)',
      saveSchedule: 'Enregistrer le calendrier', scheduleSaved: 'Calendrier enregistré.',
      opensMissing: 'Indiquez quand le vote ouvre.', closesMissing: 'Indiquez quand le vote se clôt.',
      sealTitle: 'Sceau',
      sealProposeIntro: 'Proposer le sceau clôt les inscriptions (la liste électorale est figée) et fixe le document'
        + ' scellé et son empreinte. Un huissier, depuis son propre compte, devra le confirmer.',
      proposeSeal: 'Proposer le sceau', sealProposedNow: 'Sceau proposé. Transmettez l’empreinte à l’huissier par un'
        + ' autre canal que la console (papier, téléphone).',
      sealProposedLine: 'Proposé par {0} le {1}.', sealedLine: 'Proposé par {0} le {1}, confirmé par l’huissier {2} le {3}.',
      fingerprintLabel: 'Empreinte (SHA-256)',
      sealOrganizerNote: 'Donnez cette empreinte à l’huissier par un autre canal que la console (papier, téléphone)'
        + NBSP + ': il la saisit pour confirmer le sceau.',
      documentTitle: 'Le document scellé',
      documentIntro: 'Lisez le document. Son empreinte SHA-256, recalculée ci-dessous par votre navigateur, doit être'
        + ' celle que l’organisateur vous a transmise par un autre canal. Vous pouvez aussi enregistrer le document'
        + ' et lancer sha256sum.',
      browserDigest: 'Empreinte recalculée par votre navigateur' + NBSP + ':',
      digestMatches: 'L’empreinte recalculée est bien celle du sceau proposé.',
      digestDiffers: 'Attention' + NBSP + ': l’empreinte recalculée diffère de celle du sceau proposé. Ne confirmez pas.',
      digestUnavailable: 'Votre navigateur ne peut pas recalculer l’empreinte ici' + NBSP + ': utilisez sha256sum.',
      saveDocument: 'Enregistrer le document', typedFingerprint: 'Empreinte que l’organisateur vous a transmise',
      typedFingerprintHint: '64 caractères (chiffres et lettres a à f), lus sur le papier ou dictés. Les espaces sont ignorés.',
      confirmSeal: 'Confirmer le sceau', sealedNow: 'L’élection est scellée' + NBSP + ': la clé est créée et partagée entre les gardiens.',
      fingerprintMissing: 'Saisissez l’empreinte que l’organisateur vous a transmise.',
      fingerprintMalformed: 'Une empreinte a 64 caractères, chiffres et lettres a à f' + NBSP + ': celle-ci en a {0}.',
      rekeyTitle: 'Une part perdue' + NBSP + '?',
      rekeyIntro: 'Avant l’ouverture du vote, si un gardien a perdu sa part ou sa phrase secrète (il en choisit d’abord'
        + ' une nouvelle), l’huissier fait refaire la clé de l’élection' + NBSP + ': chaque gardien télécharge une nouvelle'
        + ' part et la répétition est refaite. Les anciennes parts ne comptent plus.',
      rekey: 'Refaire la clé de l’élection',
      rekeySure: 'J’ai vérifié qu’une part est perdue' + NBSP + ': chaque gardien devra télécharger une nouvelle part.',
      rekeyNotSure: 'Cochez la case pour confirmer que la clé doit être refaite.', rekeyDone: 'La clé a été refaite' + NBSP + ': chaque gardien doit télécharger sa nouvelle part.',
      myShareTitle: 'Ma part de la clé', notMyElection: 'Vous n’êtes pas gardien de cette élection.',
      passphrase: 'Ma phrase secrète (12 caractères au moins)',
      passphraseHint: 'Elle seule ouvre votre part' + NBSP + ': notez-la en lieu sûr, elle n’est jamais conservée.',
      choosePassphrase: 'Choisir ma phrase secrète', passphraseChosen: 'Phrase secrète choisie le {0}.',
      passphraseSaved: 'Phrase secrète enregistrée.', passphraseShort: 'La phrase secrète a 12 caractères au moins.',
      passphraseNone: 'Vous n’avez pas encore choisi votre phrase secrète.',
      downloadIntro: 'Votre part ne peut être téléchargée qu’une fois' + NBSP + ': le serveur l’oublie en vous la remettant.'
        + ' Gardez le fichier en lieu sûr, hors de cet ordinateur si possible.',
      downloadShare: 'Télécharger ma part', downloaded: 'Part téléchargée le {0}' + NBSP + ': gardez le fichier {1}.',
      downloadedBefore: 'Part téléchargée le {0}.',
      bringRehearsal: 'Apporter ma part à la répétition', bringCount: 'Apporter ma part au dépouillement',
      bringIntro: 'Choisissez le fichier de votre part, ou collez son contenu, puis saisissez votre phrase secrète.',
      shareFile: 'Fichier de ma part', shareText: 'Ou le contenu du fichier, collé ici', bringPassphrase: 'Ma phrase secrète',
      bring: 'Apporter ma part', shareMissing: 'Choisissez le fichier de votre part ou collez son contenu.',
      bringPassphraseMissing: 'Saisissez votre phrase secrète.', fileUnreadable: 'Ce fichier n’a pas pu être lu.',
      brought: 'Votre part a été apportée.',
      ceremony_GATHERING: '{0}' + NBSP + ': {1} part(s) apportée(s) sur {2} nécessaires (gardiens n° {3}).',
      ceremony_REHEARSAL_PASSED: 'Répétition réussie' + NBSP + ': le bulletin de test a été déchiffré. Le vote peut ouvrir à l’heure prévue.',
      ceremony_COUNTING: 'Assez de parts sont réunies' + NBSP + ': le dépouillement est en cours.',
      ceremony_NONE: 'Aucune part n’a encore été apportée.',
      purpose_REHEARSAL: 'Répétition', purpose_COUNT: 'Dépouillement',
      votingTitle: 'Vote', turnout: 'Participation' + NBSP + ': {0} bulletin(s) pour {1} inscrit(s) ({2}' + NBSP + '%), à {3}.',
      openingReady: 'Tout est prêt' + NBSP + ': le vote ouvrira à l’heure prévue.',
      countTitle: 'Dépouillement', countProgress: '{0}' + NBSP + ': {1} bulletin(s) déchiffré(s) sur {2}.',
      count_NOT_STARTED: 'Pas commencé', count_RUNNING: 'En cours', count_DONE: 'Terminé', count_FAILED: 'Arrêté',
      countWaiting: 'Le dépouillement commence quand assez de gardiens ont apporté leur part.',
      countFailed: 'Le dépouillement s’est arrêté' + NBSP + ': {0}',
      resultTitle: 'Résultat', publishIntro: 'Le dépouillement est terminé. La publication rend public le résultat et le'
        + ' registre que chacun peut vérifier, et prévient les inscrits.',
      publish: 'Publier le résultat', publishedNow: 'Le résultat est publié.',
      resultCaption: 'Classement au jugement majoritaire ({0} bulletin(s))', colRank: 'Rang', colCandidate: 'Candidat',
      colMention: 'Mention majoritaire',
      previewNote: 'Aperçu' + NBSP + ': ce résultat n’est pas public tant que l’organisateur ne l’a pas publié.',
      previewCaption: 'Aperçu du classement au jugement majoritaire ({0} bulletin(s)), non publié',
      versionsCaption: 'Versions du résultat publié', colVersion: 'Version', colReason: 'Motif', colPublishedAt: 'Publiée le',
      correctionReason: 'Motif de la correction (10 à 1000 caractères)',
      correctionHint: 'Le résultat est recompté à partir des bulletins conservés' + NBSP + '; une nouvelle version n’est'
        + ' ajoutée que s’il diffère. Toutes les versions restent publiques.',
      correct: 'Recompter et corriger', corrected: 'Une nouvelle version du résultat est publiée.',
      reasonShort: 'Expliquez la correction en 10 caractères au moins.',
      campaignsLink: 'Messages aux inscrits', funnelLink: 'Parcours d’inscription', rollLink: 'Liste électorale, radiations, recours', auditLink: 'Journal d’audit de cette élection', sealMinutes: 'Procès-verbal du sceau (PDF signé)',
      countMinutes: 'Procès-verbal du dépouillement (PDF signé)', publicResult: 'Page publique du résultat',
      publicRecord: 'Registre public (JSON)'
    },
    en: {
      pageTitle: 'Election', back: '‹ All elections', stateLabel: 'State:',
      badId: 'This address names no election.', loadFailed: 'The election could not be loaded: {0}',
      factDescription: 'Description', factCandidates: 'Candidates (ballot order)', factGrades: 'Grades (worst to best)',
      factFactors: 'Registration proofs', factCountries: 'Allowed countries', factRoll: 'Electoral roll',
      factCode: 'Voting code', factOpens: 'Voting opens', factCloses: 'Voting closes', factFingerprint: 'Seal fingerprint',
      factor_PHONE: 'phone', factor_EMAIL: 'email', factor_CARD: 'bank card',
      roll_OPEN: 'open', roll_IMPORTED: 'imported', code_sms: 'by SMS', code_email: 'by email',
      factLandline: 'Landline', landlineAccepted: 'accepted (code by voice call)',
      factFee: 'Participation fee',
      describeTitle: 'What citizens read', description: 'The election’s description',
      saveDescription: 'Save the description', candidateHeading: 'Candidate {0}: {1}',
      party: 'Party or support', photoUrl: 'Photo (an https address)', statement: 'Short statement',
      saveCandidate: 'Save {0}’s details', savedCandidate: '{0}’s details saved.',
      savedDescription: 'Description saved.',
      registrationTitle: 'Open registration', openRegistration: 'Open registration',
      nothingMissing: 'Nothing is missing.', registrationOpened: 'Registration is open.',
      trusteesTitle: 'Trustees', threshold: 'How many trustees are needed to count',
      thresholdLine: 'Any {0} of the {1} trustees can count.', noTrustees: 'No trustee is named yet.',
      colPosition: 'No.', colTrustee: 'Trustee', colPassphrase: 'Passphrase chosen', colIssued: 'Share made',
      colDownloaded: 'Share downloaded',
      trusteeNames: 'The trustees’ accounts (trustee role), one per line, in order',
      trusteeNamesHint: 'Each trustee then chooses their passphrase from their own account.',
      nameTrustees: 'Name the trustees', trusteesNamed: 'Trustees named.',
      trusteesMissing: 'Name at least one trustee.', thresholdMissing: 'Say how many trustees are needed.',
      scheduleTitle: 'Voting schedule', opensAt: 'Voting opens (local time)', closesAt: 'Voting closes (local time)',
      saveSchedule: 'Save the schedule', scheduleSaved: 'Schedule saved.',
      opensMissing: 'Say when voting opens.', closesMissing: 'Say when voting closes.',
      sealTitle: 'Seal',
      sealProposeIntro: 'Proposing the seal closes registration (the roll freezes) and fixes the sealed document and'
        + ' its fingerprint. A bailiff, from their own account, must confirm it.',
      proposeSeal: 'Propose the seal', sealProposedNow: 'Seal proposed. Give the fingerprint to the bailiff through'
        + ' another channel than the console (paper, phone).',
      sealProposedLine: 'Proposed by {0} on {1}.', sealedLine: 'Proposed by {0} on {1}, confirmed by bailiff {2} on {3}.',
      fingerprintLabel: 'Fingerprint (SHA-256)',
      sealOrganizerNote: 'Give this fingerprint to the bailiff through another channel than the console (paper, phone):'
        + ' they type it to confirm the seal.',
      documentTitle: 'The sealed document',
      documentIntro: 'Read the document. Its SHA-256 fingerprint, recomputed below by your browser, must be the one'
        + ' the organizer gave you through another channel. You can also save the document and run sha256sum.',
      browserDigest: 'Fingerprint recomputed by your browser:',
      digestMatches: 'The recomputed fingerprint is the proposed seal’s.',
      digestDiffers: 'Warning: the recomputed fingerprint differs from the proposed seal’s. Do not confirm.',
      digestUnavailable: 'Your browser cannot recompute the fingerprint here: use sha256sum.',
      saveDocument: 'Save the document', typedFingerprint: 'The fingerprint the organizer gave you',
      typedFingerprintHint: '64 characters (digits and letters a to f), read from paper or dictated. Spaces are ignored.',
      confirmSeal: 'Confirm the seal', sealedNow: 'The election is sealed: the key is made and shared among the trustees.',
      fingerprintMissing: 'Type the fingerprint the organizer gave you.',
      fingerprintMalformed: 'A fingerprint has 64 characters, digits and letters a to f: this one has {0}.',
      rekeyTitle: 'A lost share?',
      rekeyIntro: 'Before voting opens, when a trustee lost their share or their passphrase (they choose a new one'
        + ' first), the bailiff has the election key made anew: every trustee downloads a new share and the rehearsal'
        + ' is held again. Old shares no longer count.',
      rekey: 'Make the election key anew',
      rekeySure: 'I checked that a share is lost: every trustee will have to download a new share.',
      rekeyNotSure: 'Tick the box to confirm that the key must be made anew.', rekeyDone: 'The key was made anew: every trustee must download their new share.',
      myShareTitle: 'My share of the key', notMyElection: 'You are not a trustee of this election.',
      passphrase: 'My passphrase (12 characters at least)',
      passphraseHint: 'It alone opens your share: write it down somewhere safe, it is never kept.',
      choosePassphrase: 'Choose my passphrase', passphraseChosen: 'Passphrase chosen on {0}.',
      passphraseSaved: 'Passphrase saved.', passphraseShort: 'The passphrase has 12 characters at least.',
      passphraseNone: 'You have not chosen your passphrase yet.',
      downloadIntro: 'Your share can be downloaded once only: the server forgets it as it hands it over. Keep the'
        + ' file somewhere safe, off this computer if you can.',
      downloadShare: 'Download my share', downloaded: 'Share downloaded on {0}: keep the file {1}.',
      downloadedBefore: 'Share downloaded on {0}.',
      bringRehearsal: 'Bring my share to the rehearsal', bringCount: 'Bring my share to the count',
      bringIntro: 'Choose your share’s file, or paste its content, then type your passphrase.',
      shareFile: 'My share’s file', shareText: 'Or the file’s content, pasted here', bringPassphrase: 'My passphrase',
      bring: 'Bring my share', shareMissing: 'Choose your share’s file or paste its content.',
      bringPassphraseMissing: 'Type your passphrase.', fileUnreadable: 'This file could not be read.',
      brought: 'Your share was brought.',
      ceremony_GATHERING: '{0}: {1} share(s) brought of the {2} needed (trustees no. {3}).',
      ceremony_REHEARSAL_PASSED: 'Rehearsal passed: the test ballot was decrypted. Voting can open on time.',
      ceremony_COUNTING: 'Enough shares are gathered: the count is running.',
      ceremony_NONE: 'No share was brought yet.',
      purpose_REHEARSAL: 'Rehearsal', purpose_COUNT: 'Count',
      votingTitle: 'Voting', turnout: 'Turnout: {0} ballot(s) for {1} on the roll ({2} %), at {3}.',
      openingReady: 'Everything is ready: voting opens on time.',
      countTitle: 'Count', countProgress: '{0}: {1} ballot(s) decrypted of {2}.',
      count_NOT_STARTED: 'Not started', count_RUNNING: 'Running', count_DONE: 'Done', count_FAILED: 'Stopped',
      countWaiting: 'The count starts when enough trustees have brought their share.',
      countFailed: 'The count stopped: {0}',
      resultTitle: 'Result', publishIntro: 'The count is done. Publishing makes the result public with the record anyone'
        + ' can check, and tells the registrants.',
      publish: 'Publish the result', publishedNow: 'The result is published.',
      resultCaption: 'Ranking by majority judgment ({0} ballot(s))', colRank: 'Rank', colCandidate: 'Candidate',
      colMention: 'Majority grade',
      previewNote: 'Preview: this result is not public until the organizer publishes it.',
      previewCaption: 'Preview of the ranking by majority judgment ({0} ballot(s)), not published',
      versionsCaption: 'Versions of the published result', colVersion: 'Version', colReason: 'Reason', colPublishedAt: 'Published on',
      correctionReason: 'Why the result is corrected (10 to 1000 characters)',
      correctionHint: 'The result is counted again from the kept ballots; a new version is added only when it differs.'
        + ' Every version stays public.',
      correct: 'Count again and correct', corrected: 'A new version of the result is published.',
      reasonShort: 'Explain the correction in 10 characters at least.',
      campaignsLink: 'Messages to registrants', funnelLink: 'Registration funnel', rollLink: 'Roll, strike-offs, appeals', auditLink: 'This election’s audit trail', sealMinutes: 'Official record of the seal (signed PDF)',
      countMinutes: 'Official record of the count (signed PDF)', publicResult: 'Public result page',
      publicRecord: 'Public record (JSON)'
    }
  });

  // The second round: made from a counted election, its roll carried over when its registration opens.
  C.texts({
    fr: {
      carryOverTitle: 'Liste reprise du premier tour', firstRoundLink: 'Voir le premier tour',
      carry_NOT_STARTED: 'La liste du premier tour sera reprise à l’ouverture des inscriptions (personne ne s’inscrit'
        + ' à un second tour).',
      carry_RUNNING: 'Reprise en cours' + NBSP + ': {0} électeur(s) traité(s) sur {1} ({2} repris, {3} écarté(s)).',
      carry_STALLED: 'Reprise interrompue à {0} électeur(s) sur {1} ({5})' + NBSP + ': elle repart d’elle-même là où'
        + ' elle s’est arrêtée.',
      carry_DONE: 'Reprise terminée le {4}' + NBSP + ': {2} électeur(s) repris sur {1}, {3} écarté(s) (effacement'
        + ' demandé après le sceau du premier tour).',
      carryBlocksSeal: 'Le sceau ne peut être proposé qu’une fois la liste entièrement reprise.',
      secondRoundTitle: 'Second tour', secondRoundsHeading: 'Seconds tours de cette élection',
      secondRoundIntro: 'Un second tour est une nouvelle élection, en brouillon' + NBSP + ': la même liste électorale'
        + ' (reprise à l’ouverture de ses inscriptions), les candidats choisis ici avec leurs fiches, les mêmes règles'
        + ' et les mêmes gardiens, qui choisissent une nouvelle phrase secrète.',
      secondRoundCandidates: 'Candidats du second tour (deux au moins, dans l’ordre du bulletin)',
      secondRoundTitleLabel: 'Titre du second tour (facultatif)',
      secondRoundTitleHint: 'Laissé vide' + NBSP + ': le titre de cette élection suivi de «' + NBSP + '(second round)'
        + NBSP + '».',
      secondRoundDefaultTitle: '{0} (second round)',
      prepareSecondRound: 'Préparer le second tour', secondRoundTooFew: 'Choisissez au moins deux candidats.',
      secondRoundConfirmLine: 'Créer en brouillon le second tour «' + NBSP + '{0}' + NBSP + '» avec {1}' + NBSP + '?',
      confirmSecondRound: 'Créer le second tour', changeSecondRound: 'Modifier',
      secondRoundCreated: 'Second tour créé en brouillon' + NBSP + ': {0}. Ouvrez ses inscriptions depuis sa page pour'
        + ' reprendre la liste.'
    },
    en: {
      carryOverTitle: 'Roll carried over from the first round', firstRoundLink: 'See the first round',
      carry_NOT_STARTED: 'The first round’s roll will be carried over when registration opens (nobody registers to a'
        + ' second round).',
      carry_RUNNING: 'Carrying over: {0} voter(s) of {1} handled ({2} carried, {3} left out).',
      carry_STALLED: 'Carry-over interrupted at {0} voter(s) of {1} ({5}): it goes on by itself from where it stopped.',
      carry_DONE: 'Carried over on {4}: {2} voter(s) of {1} carried, {3} left out (erasure asked after the first'
        + ' round’s seal).',
      carryBlocksSeal: 'The seal can be proposed only once the whole roll is carried over.',
      secondRoundTitle: 'Second round', secondRoundsHeading: 'This election’s second rounds',
      secondRoundIntro: 'A second round is a new election, in draft: the same roll (carried over when its registration'
        + ' opens), the candidates chosen here with their details, the same rules and the same trustees, who choose a'
        + ' new passphrase.',
      secondRoundCandidates: 'Candidates of the second round (two at least, in ballot order)',
      secondRoundTitleLabel: 'Title of the second round (optional)',
      secondRoundTitleHint: 'Left empty: this election’s title followed by “(second round)”.',
      secondRoundDefaultTitle: '{0} (second round)',
      prepareSecondRound: 'Prepare the second round', secondRoundTooFew: 'Choose two candidates at least.',
      secondRoundConfirmLine: 'Draft the second round “{0}” with {1}?',
      confirmSecondRound: 'Draft the second round', changeSecondRound: 'Change',
      secondRoundCreated: 'Second round drafted: {0}. Open its registration from its page to carry the roll over.'
    }
  });

  var id = C.fragment().get('e');
  var election = null;
  var trustees = [];
  var seal = null;
  var built = false;
  var timer = null;
  var lastDigest = null;
  var threshold = null;      // known from the seal document, or from a ceremony
  var carry = null;          // a second round's carry-over, as the server last said it

  function $(name) {
    return document.getElementById(name);
  }

  function show(name, visible) {
    $(name).hidden = !visible;
  }

  /** A message in the summary's status box, focused so it is read out. */
  function announce(key, params) {
    var node = $('action-status');
    C.say(node, key, params);
    node.hidden = false;
    C.focus(node);
  }

  function sealProposed() {
    return !!(seal && seal.fingerprint);
  }

  function me() {
    var session = C.session();
    if (!session) {
      return null;
    }
    for (var i = 0; i < trustees.length; i++) {
      if (trustees[i].username === session.username) {
        return trustees[i];
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- loading

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
      return Promise.all([
        C.call('GET', 'api/elections/' + id + '/trustees'),
        C.call('GET', 'api/elections/' + id + '/seal'),
        election.firstRoundId ? C.call('GET', 'api/elections/' + id + '/carry-over') : Promise.resolve(null)
      ]).then(function (answers) {
        trustees = answers[0].status === 200 ? answers[0].data || [] : [];
        seal = answers[1].status === 200 ? answers[1].data : null;
        carry = answers[2] && answers[2].status === 200 ? answers[2].data : null;
        var named = seal && seal.document ? /(?:^|\n)trustees?\.threshold=(\d+)/.exec(seal.document) : null;
        if (named) {
          threshold = parseInt(named[1], 10);
        }
        if (!built) {
          build();
          built = true;
        }
        render();
        return election;
      });
    });
  }

  function schedulePoll() {
    if (timer) {
      clearTimeout(timer);
    }
    var live = election && ['SEALED', 'VOTING', 'CLOSED', 'COUNTED'].indexOf(election.state) >= 0;
    var waitingSeal = election && election.state === 'REGISTRATION' && sealProposed();
    var carrying = election && election.state === 'REGISTRATION' && carry && carry.status !== 'DONE';
    if (live || waitingSeal || carrying) {
      timer = setTimeout(function () {
        if (C.session()) {
          load().then(schedulePoll);
        }
      }, 3000);
    }
  }

  // ---------------------------------------------------------------- the page's forms, built once

  function build() {
    buildDescribe();
    buildTrustees();
    buildSchedule();
    buildConfirm();
    buildMyShare();
    buildCorrection();
    buildSecondRound();
    $('registration-form').addEventListener('submit', function (event) {
      event.preventDefault();
      act($('registration-form'), 'POST', 'api/elections/' + id + '/open-registration', undefined, 'registrationOpened');
    });
    $('propose-form').addEventListener('submit', function (event) {
      event.preventDefault();
      act($('propose-form'), 'POST', 'api/elections/' + id + '/seal/proposal', undefined, 'sealProposedNow');
    });
    $('rekey-form').addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems($('rekey-form'));
      if (!$('rekey-sure').checked) {
        C.fieldMessage($('rekey-form'), 'sure', 'rekeyNotSure');
        $('rekey-sure').focus();
        return;
      }
      $('rekey-sure').checked = false;
      act($('rekey-form'), 'POST', 'api/bailiff/elections/' + id + '/key/reissue', undefined, 'rekeyDone');
    });
    $('publish-form').addEventListener('submit', function (event) {
      event.preventDefault();
      act($('publish-form'), 'POST', 'api/elections/' + id + '/publish', undefined, 'publishedNow');
    });
    var links = $('links');
    $('summary-links').appendChild(C.el('a', { href: 'campaigns.html#e=' + id, key: 'campaignsLink', id: 'campaigns-link' }));
    $('summary-links').appendChild(C.el('a', { href: 'roll.html#e=' + id, key: 'rollLink', id: 'roll-link' }));
    if (['organizer', 'bailiff', 'auditor'].some(C.has)) {
      $('summary-links').appendChild(C.el('a', { href: 'funnel.html#e=' + id, key: 'funnelLink', id: 'funnel-link' }));
    }
    links.appendChild(C.el('a', { href: 'audit.html#e=' + id, key: 'auditLink', id: 'audit-link' }));
    links.appendChild(C.el('a', { href: 'api/elections/' + id + '/minutes/seal.pdf', key: 'sealMinutes', id: 'seal-minutes',
      hidden: true }));
    links.appendChild(C.el('a', { href: 'api/elections/' + id + '/minutes/count.pdf', key: 'countMinutes',
      id: 'count-minutes', hidden: true }));
    links.appendChild(C.el('a', { href: '../result.html#e=' + id, key: 'publicResult', id: 'public-result', hidden: true }));
    links.appendChild(C.el('a', { href: '../api/elections/' + id + '/record', key: 'publicRecord', id: 'public-record',
      hidden: true }));
    C.setLanguage(C.lang);
  }

  /** Sends one action; on success announces it and reloads; on refusal shows why next to the field. */
  function act(form, method, path, body, doneKey, after) {
    C.clearProblems(form);
    var button = form.querySelector('button[type=submit]');
    if (button) {
      button.disabled = true;
    }
    return C.call(method, path, body).then(function (answer) {
      if (button) {
        button.disabled = false;
      }
      if (answer.status >= 200 && answer.status < 300) {
        if (after) {
          after(answer);
        }
        return load().then(function () {
          if (doneKey) {
            announce(doneKey);
          }
          schedulePoll();
          return answer;
        });
      }
      var node = C.showProblem(form, answer);
      if (node) {
        C.focus(node);
      }
      return answer;
    });
  }

  function buildDescribe() {
    var form = $('description-form');
    form.appendChild(C.field({ id: 'description', label: 'description', rows: 3, field: 'description',
      value: election.description || '' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'secondary', key: 'saveDescription' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      act(form, 'PUT', 'api/elections/' + id + '/description', { description: $('description').value.trim() || null },
        'savedDescription');
    });
    var holder = $('candidate-forms');
    (election.candidateDetails || []).forEach(function (candidate) {
      var p = candidate.position;
      var cform = C.el('form', { id: 'candidate-' + p, className: 'candidate-details', novalidate: true }, [
        C.el('h3', { key: 'candidateHeading', params: [p + 1, candidate.name] }),
        C.field({ id: 'party-' + p, label: 'party', field: 'candidate.party', value: candidate.party }),
        C.field({ id: 'photo-' + p, label: 'photoUrl', field: 'candidate.photoUrl', value: candidate.photoUrl,
          inputmode: 'url' }),
        C.field({ id: 'statement-' + p, label: 'statement', field: 'candidate.statement', rows: 2,
          value: candidate.statement }),
        C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }),
        C.el('button', { type: 'submit', className: 'secondary', key: 'saveCandidate', params: [candidate.name] })
      ]);
      cform.addEventListener('submit', function (event) {
        event.preventDefault();
        act(cform, 'PUT', 'api/elections/' + id + '/candidates/' + p, {
          party: $('party-' + p).value.trim() || null,
          photoUrl: $('photo-' + p).value.trim() || null,
          statement: $('statement-' + p).value.trim() || null
        }).then(function (answer) {
          if (answer.status === 200) {
            announce('savedCandidate', [candidate.name]);
          }
        });
      });
      holder.appendChild(cform);
    });
  }

  function buildTrustees() {
    var form = $('trustees-form');
    form.appendChild(C.field({ id: 'trustee-names', label: 'trusteeNames', hint: 'trusteeNamesHint', rows: 3,
      field: 'trustees', spellcheck: 'false', value: trustees.map(function (t) {
        return t.username;
      }).join('\n') }));
    form.appendChild(C.field({ id: 'threshold', label: 'threshold', type: 'number', min: 1, step: 1,
      field: 'threshold', inputmode: 'numeric', value: trustees.length ? Math.min(2, trustees.length) : 2 }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'secondary', id: 'name-trustees', key: 'nameTrustees' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var names = $('trustee-names').value.split(/[\n,]/).map(function (n) {
        return n.trim();
      }).filter(function (n) {
        return n.length > 0;
      });
      var threshold = parseInt($('threshold').value, 10);
      if (!names.length) {
        C.fieldMessage(form, 'trustees', 'trusteesMissing');
        $('trustee-names').focus();
        return;
      }
      if (!threshold) {
        C.fieldMessage(form, 'threshold', 'thresholdMissing');
        $('threshold').focus();
        return;
      }
      act(form, 'PUT', 'api/elections/' + id + '/trustees', { trustees: names, threshold: threshold }, 'trusteesNamed');
    });
  }

  /** An instant as the value of a datetime-local input, in the browser's time zone. */
  function localValue(instant) {
    if (!instant) {
      return '';
    }
    var d = new Date(instant);
    var pad = function (n) {
      return String(n).padStart(2, '0');
    };
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':'
      + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function buildSchedule() {
    var form = $('schedule-form');
    form.appendChild(C.field({ id: 'opens-at', label: 'opensAt', type: 'datetime-local', step: 1, field: 'votingOpensAt',
      value: localValue(election.votingOpensAt) }));
    form.appendChild(C.field({ id: 'closes-at', label: 'closesAt', type: 'datetime-local', step: 1,
      field: 'votingClosesAt', value: localValue(election.votingClosesAt) }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'secondary', id: 'save-schedule', key: 'saveSchedule' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var opens = $('opens-at').value;
      var closes = $('closes-at').value;
      if (!opens) {
        C.fieldMessage(form, 'votingOpensAt', 'opensMissing');
        $('opens-at').focus();
        return;
      }
      if (!closes) {
        C.fieldMessage(form, 'votingClosesAt', 'closesMissing');
        $('closes-at').focus();
        return;
      }
      act(form, 'PUT', 'api/elections/' + id + '/schedule', {
        votingOpensAt: new Date(opens).toISOString(), votingClosesAt: new Date(closes).toISOString()
      }, 'scheduleSaved');
    });
  }

  function buildConfirm() {
    var form = $('confirm-form');
    form.appendChild(C.field({ id: 'typed-fingerprint', label: 'typedFingerprint', hint: 'typedFingerprintHint',
      field: 'fingerprint', spellcheck: 'false' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': 'bailiff', hidden: true, role: 'alert' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': 'state', hidden: true, role: 'alert' }));
    var save = C.el('button', { type: 'button', className: 'secondary', id: 'save-document', key: 'saveDocument' });
    save.addEventListener('click', function () {
      if (seal && seal.document) {
        C.download('seal-' + id + '.txt', seal.document, 'text/plain;charset=utf-8');
      }
    });
    form.appendChild(C.el('div', { className: 'actions' }, [
      C.el('button', { type: 'submit', className: 'primary', id: 'confirm-seal', key: 'confirmSeal' }), save
    ]));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var typed = $('typed-fingerprint').value.replace(/\s+/g, '').toLowerCase();
      if (!typed) {
        C.fieldMessage(form, 'fingerprint', 'fingerprintMissing');
        $('typed-fingerprint').focus();
        return;
      }
      if (!/^[0-9a-f]{64}$/.test(typed)) {
        C.fieldMessage(form, 'fingerprint', 'fingerprintMalformed', [typed.length]);
        $('typed-fingerprint').focus();
        return;
      }
      act(form, 'POST', 'api/bailiff/elections/' + id + '/seal', { fingerprint: typed }, 'sealedNow');
    });
  }

  function buildMyShare() {
    var pform = $('passphrase-form');
    pform.appendChild(C.field({ id: 'passphrase', label: 'passphrase', hint: 'passphraseHint', type: 'password',
      field: 'passphrase', autocomplete: 'new-password' }));
    pform.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    pform.appendChild(C.el('button', { type: 'submit', className: 'secondary', id: 'choose-passphrase',
      key: 'choosePassphrase' }));
    pform.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(pform);
      var passphrase = $('passphrase').value;
      if (passphrase.length < 12) {
        C.fieldMessage(pform, 'passphrase', 'passphraseShort');
        $('passphrase').focus();
        return;
      }
      act(pform, 'PUT', 'api/trustee/elections/' + id + '/passphrase', { passphrase: passphrase }, 'passphraseSaved',
        function () {
          $('passphrase').value = '';
        });
    });

    var dform = $('download-form');
    dform.addEventListener('submit', function (event) {
      event.preventDefault();
      var mine = me();
      var name = 'share-' + id + '-' + (mine ? mine.username : 'trustee') + '.json';
      act(dform, 'POST', 'api/trustee/elections/' + id + '/share/download', undefined, null, function (answer) {
        C.download(name, answer.text, 'application/json');
        var done = $('download-done');
        C.say(done, 'downloaded', [C.time(new Date().toISOString()), name]);
        done.hidden = false;
      }).then(function (answer) {
        if (answer.status === 200) {
          C.focus($('download-done'));
        }
      });
    });

    var bform = $('bring-form');
    bform.appendChild(C.el('h3', { id: 'bring-title' }));
    bform.appendChild(C.el('p', { key: 'bringIntro' }));
    var file = C.field({ id: 'share-file', label: 'shareFile', type: 'file', field: 'share' });
    file.querySelector('input').setAttribute('accept', '.json,application/json,text/plain');
    bform.appendChild(file);
    var pasted = C.field({ id: 'share-text', label: 'shareText', rows: 4, field: 'share-text', spellcheck: 'false' });
    pasted.querySelector('textarea').className = 'mono';
    bform.appendChild(pasted);
    bform.appendChild(C.field({ id: 'bring-passphrase', label: 'bringPassphrase', type: 'password', field: 'passphrase',
      autocomplete: 'off' }));
    bform.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    bform.appendChild(C.el('p', { className: 'error', 'data-field': 'purpose', hidden: true, role: 'alert' }));
    bform.appendChild(C.el('button', { type: 'submit', className: 'primary', id: 'bring-share', key: 'bring' }));
    bform.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(bform);
      var passphrase = $('bring-passphrase').value;
      var chosen = $('share-file').files && $('share-file').files[0];
      var text = $('share-text').value.trim();
      if (!chosen && !text) {
        C.fieldMessage(bform, 'share', 'shareMissing');
        $('share-file').focus();
        return;
      }
      if (!passphrase) {
        C.fieldMessage(bform, 'passphrase', 'bringPassphraseMissing');
        $('bring-passphrase').focus();
        return;
      }
      var read = chosen ? chosen.text() : Promise.resolve(text);
      read.then(function (share) {
        var purpose = election.state === 'SEALED' ? 'rehearsal' : 'count';
        act(bform, 'POST', 'api/trustee/elections/' + id + '/shares',
          { purpose: purpose, share: share, passphrase: passphrase }, 'brought', function (answer) {
            $('bring-passphrase').value = '';
            $('share-text').value = '';
            $('share-file').value = '';
            showCeremony(answer.data);
          });
      }, function () {
        C.fieldMessage(bform, 'share', 'fileUnreadable');
      });
    });
  }

  function buildCorrection() {
    var form = $('correction-form');
    form.appendChild(C.field({ id: 'reason', label: 'correctionReason', hint: 'correctionHint', rows: 2, field: 'reason' }));
    form.appendChild(C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }));
    form.appendChild(C.el('button', { type: 'submit', className: 'secondary', id: 'correct', key: 'correct' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var reason = $('reason').value.trim();
      if (reason.length < 10) {
        C.fieldMessage(form, 'reason', 'reasonShort');
        $('reason').focus();
        return;
      }
      act(form, 'POST', 'api/elections/' + id + '/result/corrections', { reason: reason }, 'corrected', function () {
        $('reason').value = '';
      });
    });
  }

  /** The second round's form: the candidates ticked (two at least), an optional title, then a confirmation. */
  function buildSecondRound() {
    var form = $('second-round-form');
    var holder = $('second-round-candidates');
    (election.candidates || []).forEach(function (name, i) {
      holder.appendChild(C.el('label', {}, [C.el('input', { type: 'checkbox', id: 'second-round-candidate-' + i,
        value: name, name: 'second-round-candidate' }), name]));
    });
    $('second-round-title-input').appendChild(C.field({ id: 'second-round-name', label: 'secondRoundTitleLabel',
      hint: 'secondRoundTitleHint', field: 'title', maxlength: 200 }));
    form.appendChild(C.el('p', { id: 'second-round-done', className: 'ok', role: 'status', tabindex: '-1',
      hidden: true }));
    var boxes = function () {
      return Array.prototype.slice.call(holder.querySelectorAll('input[type=checkbox]'));
    };
    var chosen = function () {
      return boxes().filter(function (box) {
        return box.checked;
      }).map(function (box) {
        return box.value;
      });
    };
    var confirming = function (on) {
      $('second-round-confirm').hidden = !on;
      $('prepare-second-round').hidden = on;
    };
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      $('second-round-done').hidden = true;
      var names = chosen();
      if (names.length < 2) {
        C.fieldMessage(form, 'candidates', 'secondRoundTooFew');
        if (boxes().length) {
          boxes()[0].focus();
        }
        return;
      }
      var title = $('second-round-name').value.trim();
      C.say($('second-round-confirm-line'), 'secondRoundConfirmLine', function () {
        return [title || C.t('secondRoundDefaultTitle', [election.title]), names.join(', ')];
      });
      confirming(true);
      C.focus($('second-round-confirm-line'));
    });
    $('change-second-round').addEventListener('click', function () {
      confirming(false);
      if (boxes().length) {
        boxes()[0].focus();
      }
    });
    $('confirm-second-round').addEventListener('click', function () {
      var button = $('confirm-second-round');
      var title = $('second-round-name').value.trim();
      button.disabled = true;
      C.call('POST', 'api/elections/' + id + '/second-round', { title: title || null, candidates: chosen() })
        .then(function (answer) {
          button.disabled = false;
          confirming(false);
          if (answer.status === 201 && answer.data) {
            boxes().forEach(function (box) {
              box.checked = false;
            });
            $('second-round-name').value = '';
            var done = $('second-round-done');
            C.say(done, 'secondRoundCreated', [answer.data.title]);
            done.hidden = false;
            C.focus(done);
            renderSecondRounds(true);
            return;
          }
          var node = C.showProblem(form, answer);
          if (node) {
            C.focus(node);
          }
        });
    });
  }

  // ---------------------------------------------------------------- rendering what the server says

  function fact(list, key, value) {
    list.appendChild(C.el('dt', { key: key }));
    list.appendChild(C.el('dd', { text: value === null || value === undefined || value === '' ? C.t('none') : value }));
  }

  function renderSummary() {
    C.plain($('election-title'), election.title);
    var state = $('state');
    C.say(state, 'state_' + election.state);
    state.setAttribute('data-state', election.state);
    var facts = C.clear($('facts'));
    fact(facts, 'factDescription', election.description);
    fact(facts, 'factCandidates', (election.candidates || []).join(', '));
    fact(facts, 'factGrades', (election.grades || []).join(', '));
    fact(facts, 'factFactors', (election.requiredFactors || []).map(function (f) {
      return C.t('factor_' + f);
    }).join(', '));
    fact(facts, 'factCountries', (election.allowedCountries || []).join(', '));
    fact(facts, 'factRoll', C.t('roll_' + election.rollMode));
    fact(facts, 'factCode', C.t('code_' + election.votingCode));
    fact(facts, 'factLandline', election.landlineVoiceCode ? C.t('landlineAccepted') : null);
    fact(facts, 'factFee', election.feeCents > 0
      ? C.number(election.feeCents / 100, { style: 'currency', currency: election.feeCurrency || 'EUR' }) : null);
    fact(facts, 'factOpens', election.votingOpensAt ? C.time(election.votingOpensAt) : null);
    fact(facts, 'factCloses', election.votingClosesAt ? C.time(election.votingClosesAt) : null);
    if (election.sealFingerprint) {
      fact(facts, 'factFingerprint', election.sealFingerprint);
    }
    // Registrants exist once registration opens: their messages are on their own page.
    show('summary-links', election.state !== 'DRAFT');
    show('summary', true);
  }

  function renderChecklist(listId, missing) {
    var list = C.clear($(listId));
    list.classList.toggle('done', missing.length === 0);
    if (!missing.length) {
      list.appendChild(C.el('li', { key: 'nothingMissing' }));
    }
    missing.forEach(function (m) {
      list.appendChild(C.el('li', { text: m }));
    });
  }

  function checklist(path, listId) {
    C.call('GET', path).then(function (answer) {
      if (answer.status === 200 && answer.data) {
        renderChecklist(listId, answer.data.missing || []);
      }
    });
  }

  function renderTrustees() {
    var body = C.clear(document.querySelector('#trustee-table tbody'));
    trustees.forEach(function (t) {
      body.appendChild(C.el('tr', { 'data-username': t.username }, [
        C.el('td', { className: 'number', text: t.position }),
        C.el('th', { scope: 'row', text: t.username }),
        C.el('td', { text: t.passphraseChosenAt ? C.time(t.passphraseChosenAt) : C.t('no') }),
        C.el('td', { text: t.shareIssuedAt ? C.time(t.shareIssuedAt) : C.t('no') }),
        C.el('td', { text: t.shareDownloadedAt ? C.time(t.shareDownloadedAt) : C.t('no') })
      ]));
    });
    show('trustee-table', trustees.length > 0);
    var line = $('threshold-line');
    if (!trustees.length) {
      C.say(line, 'noTrustees');
    } else if (threshold) {
      C.say(line, 'thresholdLine', [threshold, trustees.length]);
    } else {
      C.plain(line, '');
    }
    show('trustees', true);
  }

  function renderSeal(organizer, bailiff) {
    var state = election.state;
    var proposed = sealProposed();
    var sealed = !!(seal && seal.sealedAt);
    show('seal-propose', organizer && state === 'REGISTRATION' && !proposed);
    if (organizer && state === 'REGISTRATION' && !proposed) {
      checklist('api/elections/' + id + '/seal/checklist', 'seal-checklist');
    }
    show('seal-proposed', proposed);
    if (proposed) {
      C.plain($('seal-fingerprint'), seal.fingerprint);
      if (sealed) {
        C.say($('seal-proposed-line'), 'sealedLine', [seal.proposedBy || '?', C.time(seal.proposedAt), seal.sealedBy || '?',
          C.time(seal.sealedAt)]);
      } else {
        C.say($('seal-proposed-line'), 'sealProposedLine', [seal.proposedBy || '?', C.time(seal.proposedAt)]);
      }
    }
    show('seal-organizer-note', organizer && proposed && !sealed);
    var confirming = bailiff && proposed && !sealed;
    show('seal-confirm', confirming);
    if (confirming) {
      C.plain($('seal-document'), seal.document);
      digest(seal.document);
    }
    show('seal-rekey', bailiff && state === 'SEALED');
    show('seal', organizer && state === 'REGISTRATION' || proposed || bailiff && state === 'SEALED');
  }

  function digest(documentText) {
    if (lastDigest && lastDigest[0] === documentText) {
      return;
    }
    var check = $('seal-digest-check');
    if (!window.crypto || !window.crypto.subtle) {
      C.say(check, 'digestUnavailable');
      return;
    }
    window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(documentText)).then(function (buffer) {
      var hex = Array.prototype.map.call(new Uint8Array(buffer), function (b) {
        return b.toString(16).padStart(2, '0');
      }).join('');
      lastDigest = [documentText, hex];
      C.plain($('seal-digest'), hex);
      var same = seal && hex === seal.fingerprint;
      C.say(check, same ? 'digestMatches' : 'digestDiffers');
      check.className = same ? 'ok' : 'error';
    });
  }

  function renderMyShare(trustee) {
    var mine = me();
    var state = election.state;
    var beforeOpening = ['DRAFT', 'REGISTRATION', 'SEALED'].indexOf(state) >= 0;
    show('my-share', !!(trustee && mine));
    if (!trustee || !mine) {
      return;
    }
    var status = $('my-share-status');
    if (mine.shareDownloadedAt) {
      C.say(status, 'downloadedBefore', [C.time(mine.shareDownloadedAt)]);
    } else if (mine.passphraseChosenAt) {
      C.say(status, 'passphraseChosen', [C.time(mine.passphraseChosenAt)]);
    } else {
      C.say(status, 'passphraseNone');
    }
    show('passphrase-form', beforeOpening);
    show('download-form', !!mine.shareIssuedAt && !mine.shareDownloadedAt);
    var bringing = state === 'SEALED' || state === 'CLOSED';
    show('bring-form', bringing && !!mine.shareDownloadedAt);
    C.say($('bring-title'), state === 'SEALED' ? 'bringRehearsal' : 'bringCount');
    if (bringing) {
      C.call('GET', 'api/trustee/elections/' + id + '/shares').then(function (answer) {
        if (answer.status === 200) {
          showCeremony(answer.data);
        }
      });
    } else {
      C.plain($('ceremony'), '');
    }
  }

  function showCeremony(ceremony) {
    var node = $('ceremony');
    if (!ceremony) {
      C.plain(node, '');
      return;
    }
    threshold = ceremony.threshold || threshold;
    if (ceremony.status === 'GATHERING') {
      C.say(node, 'ceremony_GATHERING', function () {
        return [C.t('purpose_' + ceremony.purpose), (ceremony.broughtBy || []).length, ceremony.threshold,
          (ceremony.broughtBy || []).join(', ') || C.t('none')];
      });
    } else {
      C.say(node, 'ceremony_' + ceremony.status);
    }
    node.setAttribute('data-status', ceremony.status);
  }

  function renderVoting() {
    var state = election.state;
    show('voting', ['SEALED', 'VOTING', 'CLOSED', 'COUNTED', 'PUBLISHED'].indexOf(state) >= 0);
    show('opening-checklist', state === 'SEALED');
    if (state === 'SEALED') {
      C.call('GET', 'api/elections/' + id + '/opening/checklist').then(function (answer) {
        if (answer.status === 200 && answer.data) {
          renderChecklist('opening-checklist', answer.data.missing || []);
        }
      });
    }
    if (['VOTING', 'CLOSED', 'COUNTED', 'PUBLISHED'].indexOf(state) >= 0) {
      C.call('GET', '../api/elections/' + id + '/turnout').then(function (answer) {
        if (answer.status === 200 && answer.data) {
          var t = answer.data;
          C.say($('turnout'), 'turnout', function () {
            return [C.number(t.ballots), C.number(t.rollSize), t.percent, C.time(t.at)];
          });
          var meter = $('turnout-meter');
          meter.value = parseFloat(t.percent) || 0;
          meter.hidden = false;
        }
      });
    } else {
      C.plain($('turnout'), '');
      $('turnout-meter').hidden = true;
    }
  }

  function renderCount() {
    var state = election.state;
    show('count', ['CLOSED', 'COUNTED', 'PUBLISHED'].indexOf(state) >= 0);
    if (['CLOSED', 'COUNTED', 'PUBLISHED'].indexOf(state) < 0) {
      return;
    }
    C.call('GET', 'api/elections/' + id + '/count').then(function (answer) {
      if (answer.status !== 200 || !answer.data) {
        return;
      }
      var c = answer.data;
      var node = $('count-status');
      node.setAttribute('data-status', c.status);
      if (c.status === 'FAILED') {
        C.say(node, 'countFailed', [c.error || '']);
      } else if (c.status === 'NOT_STARTED') {
        C.say(node, 'countWaiting');
      } else {
        C.say(node, 'countProgress', function () {
          return [C.t('count_' + c.status), C.number(c.decrypted), C.number(c.total)];
        });
      }
      var meter = $('count-meter');
      meter.hidden = !c.total;
      meter.value = c.total ? Math.round(100 * c.decrypted / c.total) : 0;
    });
  }

  function renderResult(organizer) {
    var state = election.state;
    // An organizer may try to publish once voting closed: before the trustees counted, the server refuses, and says why.
    show('result', state === 'COUNTED' || state === 'PUBLISHED' || organizer && state === 'CLOSED');
    show('publish-form', organizer && (state === 'CLOSED' || state === 'COUNTED'));
    show('correction-form', organizer && state === 'PUBLISHED');
    // The official records are for organizers, bailiffs and auditors (the API refuses the others).
    var reader = organizer || C.has('bailiff') || C.has('auditor');
    show('seal-minutes', reader && ['SEALED', 'VOTING', 'CLOSED', 'COUNTED', 'PUBLISHED'].indexOf(state) >= 0);
    show('count-minutes', reader && (state === 'COUNTED' || state === 'PUBLISHED'));
    show('public-result', state === 'PUBLISHED');
    show('public-record', state === 'PUBLISHED');
    var body = C.clear($('result-body'));
    var versions = C.clear($('versions'));
    if (state === 'COUNTED') {
      // The preview: the count's result, seen by the console's staff only until the organizer publishes it.
      C.call('GET', 'api/elections/' + id + '/result').then(function (answer) {
        if (answer.status === 200 && answer.data) {
          C.clear(body).appendChild(C.el('p', { className: 'panel notice', id: 'preview-note', key: 'previewNote' }));
          body.appendChild(resultTable(answer.data, 'previewCaption'));
        }
      });
      return;
    }
    if (state !== 'PUBLISHED') {
      return;
    }
    C.call('GET', '../api/elections/' + id + '/results').then(function (answer) {
      if (answer.status !== 200 || !answer.data || !answer.data.length) {
        return;
      }
      C.clear(body).appendChild(resultTable(answer.data[answer.data.length - 1].result, 'resultCaption'));
      C.clear(versions).appendChild(C.el('table', { id: 'versions-table' }, [
        C.el('caption', { key: 'versionsCaption' }),
        C.el('thead', {}, [C.el('tr', {}, [C.el('th', { scope: 'col', key: 'colVersion' }),
          C.el('th', { scope: 'col', key: 'colReason' }), C.el('th', { scope: 'col', key: 'colPublishedAt' })])]),
        C.el('tbody', {}, answer.data.map(function (v) {
          return C.el('tr', {}, [C.el('td', { className: 'number', text: v.version }), C.el('td', { text: v.reason }),
            C.el('td', { text: C.time(v.publishedAt) })]);
        }))
      ]));
    });
  }

  /** The ranking of a result (openprimary-tally-result/1), in its order, with each majority grade. */
  function resultTable(result, captionKey) {
    var rows = (result.ranking || []).map(function (index) {
      var c = result.candidates[index];
      return C.el('tr', {}, [
        C.el('td', { className: 'number', text: c.rank }),
        C.el('th', { scope: 'row', text: c.name }),
        C.el('td', { text: c.mention || c.majorityGradeName })
      ]);
    });
    return C.el('table', { id: 'result-table' }, [
      C.el('caption', { key: captionKey, params: [result.ballots === undefined ? '?' : result.ballots] }),
      C.el('thead', {}, [C.el('tr', {}, [C.el('th', { scope: 'col', key: 'colRank' }),
        C.el('th', { scope: 'col', key: 'colCandidate' }), C.el('th', { scope: 'col', key: 'colMention' })])]),
      C.el('tbody', {}, rows)
    ]);
  }

  /** The carry-over's words: handled, total, carried, left out, when done, why it stopped. */
  function carryParams(c) {
    return function () {
      return [C.number(c.carried + c.notCarried), C.number(c.total), C.number(c.carried), C.number(c.notCarried),
        C.time(c.doneAt), c.stalled || ''];
    };
  }

  /** A second round's page: whence its roll comes, and how far its carry-over went. */
  function renderCarryOver() {
    show('carry-over', !!election.firstRoundId);
    if (!election.firstRoundId) {
      return;
    }
    $('first-round-link').href = 'election.html#e=' + election.firstRoundId;
    var node = $('carry-over-status');
    var meter = $('carry-over-meter');
    if (!carry) {
      C.plain(node, '');
      meter.hidden = true;
      return;
    }
    node.setAttribute('data-status', carry.status);
    C.say(node, 'carry_' + carry.status, carryParams(carry));
    meter.hidden = carry.status === 'NOT_STARTED' || !carry.total;
    meter.value = carry.total ? Math.floor(100 * (carry.carried + carry.notCarried) / carry.total) : 0;
  }

  /** A counted election's page, for organizers: its second rounds (with their carry-over) and the form for one. */
  function renderSecondRounds(organizer) {
    var eligible = election.state === 'COUNTED' || election.state === 'PUBLISHED';
    show('second-round', organizer && eligible);
    if (!organizer || !eligible) {
      return;
    }
    C.call('GET', 'api/elections').then(function (answer) {
      if (answer.status !== 200 || !answer.data) {
        return;
      }
      var rounds = answer.data.filter(function (e) {
        return e.firstRoundId === id;
      });
      var list = C.clear($('second-round-list'));
      show('second-rounds', rounds.length > 0);
      rounds.forEach(function (e) {
        var progress = C.el('span', { className: 'carry', id: 'carry-' + e.id });
        list.appendChild(C.el('li', { 'data-election': e.id }, [
          C.el('a', { href: 'election.html#e=' + e.id, text: e.title }), ' (', C.el('span', { key: 'state_' + e.state }),
          ') ', progress
        ]));
        C.call('GET', 'api/elections/' + e.id + '/carry-over').then(function (c) {
          if (c.status === 200 && c.data) {
            progress.setAttribute('data-status', c.data.status);
            C.say(progress, 'carry_' + c.data.status, carryParams(c.data));
          }
        });
      });
    });
  }

  function render() {
    var organizer = C.has('organizer');
    var bailiff = C.has('bailiff');
    var trustee = C.has('trustee');
    var state = election.state;
    var editable = (state === 'DRAFT' || state === 'REGISTRATION') && !sealProposed();
    renderSummary();
    show('describe', organizer && editable);
    show('registration', organizer && state === 'DRAFT');
    if (organizer && state === 'DRAFT') {
      checklist('api/elections/' + id + '/checklist', 'registration-checklist');
    }
    renderTrustees();
    show('trustees-form', organizer && editable);
    show('schedule', organizer && editable);
    renderSeal(organizer, bailiff);
    renderMyShare(trustee);
    renderVoting();
    renderCount();
    renderResult(organizer);
    renderCarryOver();
    renderSecondRounds(organizer);
  }

  C.onLanguage(function () {
    if (election && built) {
      render();
    }
  });

  window.addEventListener('hashchange', function () {
    window.location.reload();
  });

  C.start({
    ready: function () {
      load().then(schedulePoll);
    },
    refresh: function () {
      load().then(schedulePoll);
    }
  });
}());
