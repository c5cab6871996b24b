// Elections: every election with its state; an organizer drafts a new one (title, description,
// candidates in ballot order, grade scale, registration rules) and goes on to its page.
(function () {
  'use strict';
  var C = window.OPC;

  C.texts({
    fr: {
      pageTitle: 'Élections', heading: 'Élections', listCaption: 'Toutes les élections, brouillons compris',
      colTitle: 'Titre', colState: 'État', colOpens: 'Ouverture du vote', colCloses: 'Clôture du vote',
      noElection: 'Aucune élection pour l’instant.', listFailed: 'La liste n’a pas pu être chargée' + C.NBSP + ': {0}',
      createTitle: 'Préparer une élection',
      title: 'Titre', description: 'Description (ce que lisent les citoyens)',
      candidates: 'Candidats, un par ligne, dans l’ordre du bulletin',
      grades: 'Échelle de mentions, de la pire à la meilleure, une par ligne',
      gradesHint: 'Laissez vide pour l’échelle habituelle' + C.NBSP + ': Insuffisant, Passable, Assez bien, Bien, Très bien.',
      factors: 'Preuves demandées à l’inscription', factor_PHONE: 'téléphone mobile (code SMS)',
      factor_EMAIL: 'adresse électronique (lien)', factor_CARD: 'carte bancaire (empreinte, jamais conservée)',
      countries: 'Pays autorisés (codes ISO séparés par des virgules)',
      countriesHint: 'Laissez vide pour la France et ses départements d’outre-mer.',
      rollMode: 'Liste électorale', roll_OPEN: 'ouverte (inscription libre)', roll_IMPORTED: 'importée (liste de membres)',
      votingCode: 'Code de confirmation du vote', code_sms: 'par SMS', code_email: 'par courriel',
      landline: 'Sans téléphone mobile', landline_false: 'mobile exigé',
      landline_true: 'téléphone fixe accepté (code dicté par appel vocal)',
      fee: 'Participation aux frais, en euros',
      feeHint: 'Payée par carte à l’inscription (par exemple 1 ou 1,50, au plus 100)' + C.NBSP + '; vide ou 0' + C.NBSP
        + ': aucune. Modifiable tant que l’élection est un brouillon.',
      feeInvalid: 'Un montant en euros et centimes, par exemple 1 ou 1,50.',
      create: 'Créer le brouillon', titleMissing: 'Donnez un titre à l’élection.',
      candidatesMissing: 'Nommez au moins un candidat.'
    },
    en: {
      pageTitle: 'Elections', heading: 'Elections', listCaption: 'Every election, drafts included',
      colTitle: 'Title', colState: 'State', colOpens: 'Voting opens', colCloses: 'Voting closes',
      noElection: 'No election yet.', listFailed: 'The list could not be loaded: {0}',
      createTitle: 'Prepare an election',
      title: 'Title', description: 'Description (what citizens read)',
      candidates: 'Candidates, one per line, in ballot order',
      grades: 'Grade scale, from the worst to the best, one per line',
      gradesHint: 'Leave empty for the usual scale: Insuffisant, Passable, Assez bien, Bien, Très bien.',
      factors: 'Proofs asked at registration', factor_PHONE: 'mobile phone (SMS code)',
      factor_EMAIL: 'email address (link)', factor_CARD: 'bank card (imprint, never kept)',
      countries: 'Allowed countries (ISO codes separated by commas)',
      countriesHint: 'Leave empty for France and its overseas departments.',
      rollMode: 'Electoral roll', roll_OPEN: 'open (anyone registers)', roll_IMPORTED: 'imported (member list)',
      votingCode: 'Code that confirms the ballot', code_sms: 'by SMS', code_email: 'by email',
      landline: 'Without a mobile phone', landline_false: 'a mobile is required',
      landline_true: 'a landline is accepted (code read out by a voice call)',
      fee: 'Participation fee, in euros',
      feeHint: 'Paid by card at registration (e.g. 1 or 1.50, at most 100); empty or 0: none. It can change while the'
        + ' election is a draft.',
      feeInvalid: 'An amount in euros and cents, e.g. 1 or 1.50.',
      create: 'Create the draft', titleMissing: 'Give the election a title.',
      candidatesMissing: 'Name at least one candidate.'
    }
  });

  var elections = [];

  function lines(text) {
    return text.split('\n').map(function (l) {
      return l.trim();
    }).filter(function (l) {
      return l.length > 0;
    });
  }

  function render() {
    var body = document.querySelector('#elections tbody');
    C.clear(body);
    var status = document.getElementById('list-status');
    if (!elections.length) {
      C.say(status, 'noElection');
    } else {
      C.plain(status, '');
    }
    elections.forEach(function (e) {
      body.appendChild(C.el('tr', { 'data-id': e.id }, [
        C.el('th', { scope: 'row' }, [C.el('a', { href: 'election.html#e=' + e.id, text: e.title })]),
        C.el('td', { className: 'state', text: C.t('state_' + e.state) }),
        C.el('td', { text: C.time(e.votingOpensAt) }),
        C.el('td', { text: C.time(e.votingClosesAt) })
      ]));
    });
  }

  function load() {
    C.call('GET', 'api/elections').then(function (answer) {
      if (answer.status === 200) {
        elections = (answer.data || []).slice().sort(function (a, b) {
          return String(b.createdAt).localeCompare(String(a.createdAt));
        });
        render();
      } else if (answer.status !== 401) {
        var said = C.problemText(answer);
        C.say(document.getElementById('list-status'), 'listFailed', [C.t(said[0], said[1])]);
      }
    });
  }

  function buildForm() {
    var form = document.getElementById('create-form');
    var factors = C.el('fieldset', { id: 'factors-field', className: 'field' }, [
      C.el('legend', { key: 'factors' }),
      C.el('p', { className: 'error', 'data-field': 'requiredFactors', hidden: true })
    ]);
    ['PHONE', 'EMAIL', 'CARD'].forEach(function (f) {
      factors.appendChild(C.el('label', {}, [
        C.el('input', { type: 'checkbox', name: 'factor', value: f, checked: f !== 'CARD' }),
        C.el('span', { key: 'factor_' + f })
      ]));
    });
    [
      C.field({ id: 'title', label: 'title' }),
      C.field({ id: 'description', label: 'description', rows: 3 }),
      C.field({ id: 'candidates', label: 'candidates', rows: 5 }),
      C.field({ id: 'grades', label: 'grades', hint: 'gradesHint', rows: 5 }),
      factors,
      C.field({ id: 'allowedCountries', label: 'countries', hint: 'countriesHint' }),
      C.field({ id: 'rollMode', label: 'rollMode', options: [['OPEN', 'roll_OPEN'], ['IMPORTED', 'roll_IMPORTED']] }),
      C.field({ id: 'votingCode', label: 'votingCode', options: [['sms', 'code_sms'], ['email', 'code_email']] }),
      C.field({ id: 'landlineVoiceCode', label: 'landline',
        options: [['false', 'landline_false'], ['true', 'landline_true']] }),
      C.field({ id: 'fee', label: 'fee', hint: 'feeHint', inputmode: 'decimal', maxlength: 10, field: 'feeCents' }),
      C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }),
      C.el('button', { type: 'submit', className: 'primary', id: 'create-submit', key: 'create' })
    ].forEach(function (node) {
      form.appendChild(node);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var title = document.getElementById('title').value.trim();
      var candidates = lines(document.getElementById('candidates').value);
      if (!title) {
        C.fieldMessage(form, 'title', 'titleMissing');
        document.getElementById('title').focus();
        return;
      }
      if (!candidates.length) {
        C.fieldMessage(form, 'candidates', 'candidatesMissing');
        document.getElementById('candidates').focus();
        return;
      }
      var feeCents = cents(document.getElementById('fee').value);
      if (feeCents === undefined) {
        C.fieldMessage(form, 'feeCents', 'feeInvalid');
        document.getElementById('fee').focus();
        return;
      }
      var grades = lines(document.getElementById('grades').value);
      var countries = document.getElementById('allowedCountries').value.split(',').map(function (c) {
        return c.trim().toUpperCase();
      }).filter(function (c) {
        return c.length > 0;
      });
      var request = {
        title: title,
        description: document.getElementById('description').value.trim() || null,
        candidates: candidates,
        grades: grades.length ? grades : null,
        requiredFactors: Array.prototype.map.call(form.querySelectorAll('input[name=factor]:checked'), function (i) {
          return i.value;
        }),
        allowedCountries: countries.length ? countries : null,
        rollMode: document.getElementById('rollMode').value,
        votingCode: document.getElementById('votingCode').value,
        landlineVoiceCode: document.getElementById('landlineVoiceCode').value === 'true',
        feeCents: feeCents,
        feeCurrency: 'EUR'
      };
      var button = document.getElementById('create-submit');
      button.disabled = true;
      C.call('POST', 'api/elections', request).then(function (answer) {
        button.disabled = false;
        if (answer.status === 201 && answer.data) {
          window.location.href = 'election.html#e=' + answer.data.id;
          return;
        }
        var node = C.showProblem(form, answer);
        if (node) {
          C.focus(node);
        }
      });
    });
  }

  /** Euros as typed ("1", "1,50", "1.5") in cents, exactly; 0 when empty; undefined when not an amount. */
  function cents(typed) {
    var text = typed.trim().replace(/\s/g, '');
    if (!text) {
      return 0;
    }
    var amount = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(text);
    if (!amount) {
      return undefined;
    }
    return parseInt(amount[1], 10) * 100 + (amount[2] ? parseInt((amount[2] + '0').slice(0, 2), 10) : 0);
  }

  C.onLanguage(function () {
    if (C.session()) {
      render();
    }
  });

  C.start({
    ready: function () {
      if (C.has('organizer')) {
        buildForm();
        C.setLanguage(C.lang);
        document.getElementById('create').hidden = false;
      }
      load();
    },
    refresh: function () {
      if (C.has('organizer') && !document.getElementById('create-form').firstChild) {
        buildForm();
        C.setLanguage(C.lang);
      }
      document.getElementById('create').hidden = !C.has('organizer');
      load();
    }
  });
}());
