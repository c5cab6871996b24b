// Shared by the console's pages: the language (French by default, English) and its switch, texts
// that follow the switch, safe DOM building (textContent only: nothing from the server is ever
// parsed as HTML), calls to the admin API with its problems (application/problem+json: the input at
// fault in `field`, why in `reason`), the sign-in (password, then the TOTP code; enrolment with the
// QR code and the secret at the first sign-in), and the header that says who is signed in.
// A 401 from any call shows the sign-in form again over the page, which keeps what was typed.
(function () {
  'use strict';

  var STORE = 'openprimary.lang';
  var NBSP = '\u00a0';
  var texts = {
    fr: {
      asIs: '{0}', skip: 'Aller au contenu', console: 'Console', brand: 'OpenPrimary',
      navElections: 'Élections', navAccounts: 'Comptes', navAudit: 'Journal d’audit', navMessages: 'Messages',
      navDashboard: 'Tableau de bord', navSupport: 'Aide aux inscrits', navLabel: 'Console',
      signedInAs: 'Connecté·e' + NBSP + ':', rolesAre: 'rôles' + NBSP + ': {0}', noRole: 'aucun rôle',
      signOut: 'Se déconnecter',
      role_organizer: 'organisateur', role_bailiff: 'huissier', role_trustee: 'gardien de clé',
      role_operator: 'opérateur', role_auditor: 'auditeur',
      signinTitle: 'Connexion à la console',
      signinIntro: 'La console est réservée aux organisateurs, huissiers, gardiens de clé, opérateurs et auditeurs.',
      signinExpired: 'Votre session a pris fin (15 minutes sans activité, ou 8 heures au plus). Reconnectez-vous'
        + NBSP + ': ce que vous aviez saisi sur la page est conservé.',
      username: 'Identifiant', password: 'Mot de passe', next: 'Continuer',
      code: 'Code à 6 chiffres',
      codeHint: 'Le code affiché par votre application d’authentification (il change toutes les 30 secondes).'
        + ' Laissez vide à votre première connexion' + NBSP + ': vous l’activerez alors.',
      enrolCodeHint: 'Le code que l’application affiche maintenant pour OpenPrimary (il change toutes les 30 secondes).',
      signIn: 'Se connecter', otherAccount: 'Recommencer avec un autre identifiant', enrolSubmit: 'Activer et me connecter',
      newPasswordIntro: 'Votre mot de passe vous a été donné par un organisateur' + NBSP + ': choisissez le vôtre.',
      newPassword: 'Nouveau mot de passe (12 caractères au moins)', newPasswordHint: 'Différent de celui qui vous a été donné.',
      newPasswordAgain: 'Le même, une seconde fois', newPasswordShort: 'Le mot de passe a 12 caractères au moins.',
      newPasswordsDiffer: 'Les deux mots de passe diffèrent.',
      enrolTitle: 'Activez la double authentification',
      enrolIntro: 'C’est votre première connexion' + NBSP + ': ajoutez ce compte à une application d’authentification'
        + ' (TOTP), en scannant le QR code ou en saisissant la clé ci-dessous, puis saisissez le code qu’elle affiche.',
      qrAlt: 'QR code à scanner avec votre application d’authentification',
      secretLabel: 'Clé à saisir à la main',
      usernameMissing: 'Saisissez votre identifiant.', passwordMissing: 'Saisissez votre mot de passe.',
      codeMissing: 'Saisissez le code à 6 chiffres.', codeMalformed: 'Le code a 6 chiffres.',
      wrongPassword: 'Identifiant ou mot de passe incorrect.',
      wrongCode: 'Ce code n’est pas le bon (ou il a déjà servi)' + NBSP + ': attendez le suivant et réessayez.',
      lockedOut: 'Trop d’essais' + NBSP + ': ce compte est bloqué pour {0} minute(s). Réessayez ensuite.',
      lockedOutNoDelay: 'Trop d’essais' + NBSP + ': ce compte est bloqué pour un moment. Réessayez plus tard.',
      enrolmentLost: 'L’activation n’a pas abouti' + NBSP + ': reconnectez-vous avec votre mot de passe.',
      forbidden: 'Votre rôle ne permet pas de faire cela.',
      network: 'Le serveur ne répond pas' + NBSP + ': vérifiez la connexion et réessayez.',
      serverError: 'Le serveur a rencontré une erreur ({0}). Réessayez' + NBSP + '; si cela persiste, prévenez'
        + ' l’équipe technique.',
      refused: 'Refusé' + NBSP + ': {0}', notFound: 'Introuvable' + NBSP + ': {0}', conflict: 'Impossible pour l’instant' + NBSP + ': {0}',
      invalid: 'À corriger' + NBSP + ': {0}', tooMany: 'Trop de demandes' + NBSP + ': {0}',
      loading: 'Chargement…', yes: 'oui', no: 'non', none: '—', saved: 'Enregistré.',
      state_DRAFT: 'brouillon', state_REGISTRATION: 'inscriptions ouvertes', state_SEALED: 'scellée',
      state_VOTING: 'vote en cours', state_CLOSED: 'vote clos', state_COUNTED: 'dépouillée',
      state_PUBLISHED: 'résultat publié',
      reason_DUPLICATE_PERSON: 'la même personne est inscrite deux fois', reason_NOT_ELIGIBLE: 'ne remplit pas les conditions',
      reason_IDENTITY_FRAUD: 'identité qui n’est pas la sienne', reason_AT_OWN_REQUEST: 'à sa demande',
      reason_DECISION_OF_AUTHORITY: 'décision d’une autorité', reason_UNKNOWN: 'motif inconnu',
      reason_DUPLICATE_IDENTIFIER: 'téléphone ou courriel déjà inscrit', reason_DUPLICATE_CARD: 'carte déjà inscrite'
    },
    en: {
      asIs: '{0}', skip: 'Skip to content', console: 'Console', brand: 'OpenPrimary',
      navElections: 'Elections', navAccounts: 'Accounts', navAudit: 'Audit trail', navMessages: 'Messages',
      navDashboard: 'Dashboard', navSupport: 'Hotline', navLabel: 'Console',
      signedInAs: 'Signed in as', rolesAre: 'roles: {0}', noRole: 'no role',
      signOut: 'Sign out',
      role_organizer: 'organizer', role_bailiff: 'bailiff', role_trustee: 'trustee',
      role_operator: 'operator', role_auditor: 'auditor',
      signinTitle: 'Sign in to the console',
      signinIntro: 'The console is for organizers, bailiffs, trustees, operators and auditors.',
      signinExpired: 'Your session ended (15 minutes without activity, or 8 hours at most). Sign in again: what'
        + ' you typed on the page is kept.',
      username: 'Username', password: 'Password', next: 'Continue',
      code: '6-digit code',
      codeHint: 'The code your authenticator app shows (it changes every 30 seconds). Leave it empty at your first'
        + ' sign-in: you will set it up then.',
      enrolCodeHint: 'The code the app now shows for OpenPrimary (it changes every 30 seconds).',
      signIn: 'Sign in', otherAccount: 'Start again with another username', enrolSubmit: 'Turn on and sign in',
      newPasswordIntro: 'Your password was given to you by an organizer: choose your own.',
      newPassword: 'New password (12 characters at least)', newPasswordHint: 'Not the one you were given.',
      newPasswordAgain: 'The same, once more', newPasswordShort: 'The password has 12 characters at least.',
      newPasswordsDiffer: 'The two passwords differ.',
      enrolTitle: 'Turn on two-factor sign-in',
      enrolIntro: 'This is your first sign-in: add this account to an authenticator app (TOTP) by scanning the'
        + ' QR code or typing the key below, then enter the code it shows.',
      qrAlt: 'QR code to scan with your authenticator app',
      secretLabel: 'Key to type by hand',
      usernameMissing: 'Enter your username.', passwordMissing: 'Enter your password.',
      codeMissing: 'Enter the 6-digit code.', codeMalformed: 'The code has 6 digits.',
      wrongPassword: 'Wrong username or password.',
      wrongCode: 'This code is not the right one (or it was used already): wait for the next one and try again.',
      lockedOut: 'Too many tries: this account is locked for {0} minute(s). Try again then.',
      lockedOutNoDelay: 'Too many tries: this account is locked for a while. Try again later.',
      enrolmentLost: 'The enrolment did not finish: sign in again with your password.',
      forbidden: 'Your role cannot do this.',
      network: 'The server does not answer: check the connection and try again.',
      serverError: 'The server met an error ({0}). Try again; if it persists, tell the technical team.',
      refused: 'Refused: {0}', notFound: 'Not found: {0}', conflict: 'Not possible now: {0}',
      invalid: 'To correct: {0}', tooMany: 'Too many requests: {0}',
      loading: 'Loading…', yes: 'yes', no: 'no', none: '—', saved: 'Saved.',
      state_DRAFT: 'draft', state_REGISTRATION: 'registration open', state_SEALED: 'sealed',
      state_VOTING: 'voting', state_CLOSED: 'voting closed', state_COUNTED: 'counted',
      state_PUBLISHED: 'result published',
      reason_DUPLICATE_PERSON: 'the same person is registered twice', reason_NOT_ELIGIBLE: 'not eligible',
      reason_IDENTITY_FRAUD: 'an identity not their own', reason_AT_OWN_REQUEST: 'at their own request',
      reason_DECISION_OF_AUTHORITY: 'an authority’s decision', reason_UNKNOWN: 'reason unknown',
      reason_DUPLICATE_IDENTIFIER: 'phone or email already registered', reason_DUPLICATE_CARD: 'card already registered'
    }
  };
  var spoken = [];      // nodes whose text is a message: [node, key, params]
  var listeners = [];

  function remember(lang) {
    try {
      window.localStorage.setItem(STORE, lang);
    } catch (e) {
      // storage may be refused: the choice then lasts for this page only
    }
  }

  // French by default: ?lang= first, then the choice made on an earlier page, then the first of
  // the browser's languages that is French or English, else French.
  function initialLanguage() {
    var asked = new URLSearchParams(window.location.search).get('lang');
    if (asked === 'fr' || asked === 'en') {
      remember(asked);
      return asked;
    }
    var kept = null;
    try {
      kept = window.localStorage.getItem(STORE);
    } catch (e) {
      kept = null;
    }
    if (kept === 'fr' || kept === 'en') {
      return kept;
    }
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'fr'];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).toLowerCase().slice(0, 2);
      if (code === 'fr' || code === 'en') {
        return code;
      }
    }
    return 'fr';
  }

  var session = null;        // the signed-in account: {username, roles, secondFactor}
  var page = null;           // the page's {ready(session), refresh(session)}
  var started = false;

  var C = {
    lang: initialLanguage(),

    /** Adds a page's texts: {fr: {...}, en: {...}}. */
    texts: function (more) {
      ['fr', 'en'].forEach(function (l) {
        Object.keys(more[l]).forEach(function (k) {
          texts[l][k] = more[l][k];
        });
      });
    },

    /** The text for key, with {0}, {1}... replaced by params. */
    t: function (key, params) {
      var text = texts[C.lang][key];
      if (text === undefined) {
        text = texts.fr[key] === undefined ? key : texts.fr[key];
      }
      var values = typeof params === 'function' ? params(C.lang) : (params || []);
      return text.replace(/\{(\d+)\}/g, function (all, n) {
        return values[n] === undefined ? all : String(values[n]);
      });
    },

    /** Sets a node's text to a message and keeps it in the current language on a switch. */
    say: function (node, key, params) {
      node.textContent = C.t(key, params);
      for (var i = 0; i < spoken.length; i++) {
        if (spoken[i][0] === node) {
          spoken[i] = [node, key, params];
          return node;
        }
      }
      spoken.push([node, key, params]);
      return node;
    },

    /** Sets a node's text to something that is not a message (a name, a number, a server's words). */
    plain: function (node, text) {
      spoken = spoken.filter(function (entry) {
        return entry[0] !== node;
      });
      node.textContent = text === null || text === undefined ? '' : String(text);
      return node;
    },

    /** A new element; attrs may hold className, text, key (a message), and any attribute. */
    el: function (tag, attrs, children) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (name) {
        var value = attrs[name];
        if (value === undefined || value === null || value === false) {
          return;
        }
        if (name === 'text') {
          node.textContent = String(value);
        } else if (name === 'key') {
          C.say(node, value, attrs.params);
        } else if (name === 'params') {
          return;
        } else if (name === 'className') {
          node.className = value;
        } else if (value === true) {
          node.setAttribute(name, '');
        } else {
          node.setAttribute(name, String(value));
        }
      });
      (children || []).forEach(function (child) {
        if (child) {
          node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
        }
      });
      return node;
    },

    /** Empties a node. */
    clear: function (node) {
      while (node.firstChild) {
        node.removeChild(node.firstChild);
      }
      return node;
    },

    onLanguage: function (listener) {
      listeners.push(listener);
    },

    setLanguage: function (lang) {
      C.lang = lang;
      remember(lang);
      document.documentElement.lang = lang;
      document.querySelectorAll('[data-i18n]').forEach(function (node) {
        node.textContent = C.t(node.getAttribute('data-i18n'));
      });
      spoken = spoken.filter(function (entry) {
        return entry[0].isConnected;
      });
      spoken.forEach(function (entry) {
        entry[0].textContent = C.t(entry[1], entry[2]);
      });
      var other = lang === 'fr' ? 'en' : 'fr';
      var button = document.getElementById('lang');
      if (button) {
        button.lang = other;
        button.textContent = other === 'fr' ? 'Français' : 'English';
        button.setAttribute('aria-label', other === 'fr' ? 'Afficher la page en français' : 'Show this page in English');
      }
      var title = document.querySelector('title[data-i18n-title]');
      if (title) {
        document.title = C.t(title.getAttribute('data-i18n-title')) + ' — OpenPrimary';
      }
      listeners.forEach(function (listener) {
        listener(lang);
      });
    },

    /** The fragment's parameters (#e=...). */
    fragment: function () {
      return new URLSearchParams(window.location.hash.replace(/^#/, ''));
    },

    isId: function (id) {
      return typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
    },

    /**
     * Calls the API. Resolves to {status, data, text, problem, retryAfter}: status 0 when the
     * network failed; problem = {field, reason} for an application/problem+json answer. A 401 (not
     * signed in, or the session expired) shows the sign-in form over the page. options.type sends
     * body as it is, with that Content-Type, instead of as JSON.
     */
    call: function (method, path, body, options) {
      var init = { method: method, credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Accept-Language': C.lang, 'X-Requested-With': 'fetch' } };
      if (body !== undefined && options && options.type) {
        // a body sent as it is (a CSV file), with its own type
        init.headers['Content-Type'] = options.type;
        init.body = body;
      } else if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      return fetch(path, init).then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        var answer = { status: response.status, data: null, text: null, problem: null,
          retryAfter: parseInt(response.headers.get('Retry-After'), 10) || null };
        var done = function () {
          if (answer.status === 401 && !(options && options.quiet401) && session) {
            C.signInAgain();
          }
          return answer;
        };
        return response.text().then(function (raw) {
          answer.text = raw;
          if (type.indexOf('json') >= 0 && raw) {
            try {
              var json = JSON.parse(raw);
              if (type.indexOf('problem+json') >= 0) {
                answer.problem = { field: json.field || null, reason: json.reason || json.detail || json.title || '' };
              } else {
                answer.data = json;
              }
            } catch (e) {
              answer.data = null;
            }
          }
          return done();
        }, done);
      }, function () {
        return { status: 0, data: null, text: null, problem: null, retryAfter: null };
      });
    },

    /** The message for a refused call, in plain words: 403 is the role, 0 the network. */
    problemText: function (answer) {
      var reason = answer.problem && answer.problem.reason ? answer.problem.reason : '';
      if (answer.status === 0) {
        return ['network', []];
      }
      if (answer.status === 403) {
        return ['forbidden', []];
      }
      if (answer.status >= 500 || !reason) {
        return ['serverError', [answer.status]];
      }
      var key = answer.status === 404 ? 'notFound' : answer.status === 409 ? 'conflict'
        : answer.status === 429 ? 'tooMany' : answer.status === 400 ? 'invalid' : 'refused';
      return [key, [reason]];
    },

    /**
     * Shows a refused call next to its field in form (an element whose data-field is the problem's
     * field, or its first part: "candidates[1]" → "candidates"), else in the form's general message
     * (data-field="*"). Returns the node that shows it. A 401 is the sign-in's business.
     */
    showProblem: function (form, answer) {
      if (answer.status === 401) {
        return null;
      }
      var said = C.problemText(answer);
      var field = answer.problem && answer.problem.field ? answer.problem.field : '';
      var node = null;
      if (field && answer.status !== 403) {
        node = form.querySelector('[data-field="' + CSS.escape(field) + '"]')
          || form.querySelector('[data-field="' + CSS.escape(field.replace(/[.\[].*$/, '')) + '"]');
      }
      node = node || form.querySelector('[data-field="*"]');
      if (!node) {
        return null;
      }
      C.say(node, said[0], said[1]);
      node.hidden = false;
      var box = node.closest('.field');
      if (box) {
        box.classList.add('invalid');
        var input = box.querySelector('input, textarea, select');
        if (input) {
          input.setAttribute('aria-invalid', 'true');
        }
      }
      return node;
    },

    /** Hides every message of a form. */
    clearProblems: function (form) {
      form.querySelectorAll('[data-field]').forEach(function (node) {
        node.hidden = true;
        C.plain(node, '');
      });
      form.querySelectorAll('.invalid').forEach(function (node) {
        node.classList.remove('invalid');
      });
      form.querySelectorAll('[aria-invalid]').forEach(function (node) {
        node.removeAttribute('aria-invalid');
      });
    },

    /** Shows a message of the page next to a field (the field's data-field node). */
    fieldMessage: function (form, field, key, params) {
      var node = form.querySelector('[data-field="' + field + '"]');
      C.say(node, key, params);
      node.hidden = false;
      var box = node.closest('.field');
      if (box) {
        box.classList.add('invalid');
        var input = box.querySelector('input, textarea, select');
        if (input) {
          input.setAttribute('aria-invalid', 'true');
        }
      }
      return node;
    },

    /** A labelled field: {id, label (key), hint (key), type, field (problem field), value, rows, ...}. */
    field: function (spec) {
      var hintId = spec.hint ? spec.id + '-hint' : null;
      var errorId = spec.id + '-error';
      var input;
      if (spec.rows) {
        input = C.el('textarea', { id: spec.id, rows: spec.rows, spellcheck: spec.spellcheck || 'true' });
      } else if (spec.options) {
        input = C.el('select', { id: spec.id });
        spec.options.forEach(function (option) {
          input.appendChild(C.el('option', { value: option[0], key: option[1] }));
        });
      } else {
        input = C.el('input', { id: spec.id, type: spec.type || 'text', autocomplete: spec.autocomplete || 'off',
          inputmode: spec.inputmode, maxlength: spec.maxlength, min: spec.min, step: spec.step,
          spellcheck: spec.type === 'password' ? 'false' : spec.spellcheck });
      }
      if (spec.value !== undefined && spec.value !== null) {
        input.value = spec.value;
      }
      input.setAttribute('aria-describedby', (hintId ? hintId + ' ' : '') + errorId);
      return C.el('div', { className: 'field', id: spec.id + '-field' }, [
        C.el('label', { 'for': spec.id, key: spec.label }),
        spec.hint ? C.el('p', { className: 'hint', id: hintId, key: spec.hint }) : null,
        C.el('p', { className: 'error', id: errorId, 'data-field': spec.field || spec.id, hidden: true }),
        input
      ]);
    },

    /** A number in the page's language. */
    number: function (value, options) {
      return new Intl.NumberFormat(C.lang === 'fr' ? 'fr-FR' : 'en-GB', options).format(value);
    },

    /** A date and time in the page's language. */
    time: function (value) {
      if (!value) {
        return C.t('none');
      }
      return new Intl.DateTimeFormat(C.lang === 'fr' ? 'fr-FR' : 'en-GB',
        { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value));
    },

    /** Moves the focus to a heading or a message, for keyboard and screen-reader users. */
    focus: function (node) {
      if (!node.hasAttribute('tabindex')) {
        node.setAttribute('tabindex', '-1');
      }
      node.focus();
    },

    /** Saves text as a file the browser downloads (a Blob and an <a download>). */
    download: function (name, text, type) {
      var url = URL.createObjectURL(new Blob([text], { type: type || 'application/json' }));
      var link = C.el('a', { href: url, download: name, hidden: true });
      document.body.appendChild(link);
      link.click();
      setTimeout(function () {
        URL.revokeObjectURL(url);
        link.remove();
      }, 1000);
    },

    /** The signed-in account, or null. */
    session: function () {
      return session;
    },

    /** Does the signed-in account hold this role? */
    has: function (role) {
      return !!session && (session.roles || []).map(function (r) {
        return String(r).toLowerCase();
      }).indexOf(role) >= 0;
    },

    /**
     * Starts a page: texts in the language, the switch wired, the session checked; the page's
     * ready(session) runs once signed in, refresh(session) after a new sign-in.
     */
    start: function (pageHooks) {
      page = pageHooks || {};
      if (!started) {
        started = true;
        var button = document.getElementById('lang');
        if (button) {
          button.addEventListener('click', function () {
            C.setLanguage(C.lang === 'fr' ? 'en' : 'fr');
          });
        }
      }
      C.setLanguage(C.lang);
      C.call('GET', 'api/session', undefined, { quiet401: true }).then(function (answer) {
        if (answer.status === 200 && answer.data && answer.data.secondFactor === 'verified') {
          signedIn(answer.data, true);
        } else {
          showSignIn(false);
        }
      });
    },

    /** The session ended: the sign-in form over the page, what was typed kept. */
    signInAgain: function () {
      showSignIn(true);
    }
  };

  // ---------------------------------------------------------------- the header

  var NAV = [
    ['elections.html', 'navElections', null],
    ['dashboard.html', 'navDashboard', null],
    ['accounts.html', 'navAccounts', ['organizer']],
    ['audit.html', 'navAudit', ['organizer', 'bailiff', 'auditor']],
    ['messages.html', 'navMessages', ['organizer', 'bailiff', 'trustee', 'operator']],
    ['support.html', 'navSupport', ['organizer', 'operator']]
  ];

  function renderHeader() {
    var bar = document.getElementById('session');
    if (!bar) {
      return;
    }
    C.clear(bar);
    if (!session) {
      bar.hidden = true;
      return;
    }
    var here = window.location.pathname.replace(/^.*\//, '') || 'index.html';
    var list = C.el('ul');
    NAV.forEach(function (item) {
      if (item[2] && !item[2].some(C.has)) {
        return;
      }
      var link = C.el('a', { href: item[0], key: item[1] });
      if (item[0] === here) {
        link.setAttribute('aria-current', 'page');
      }
      list.appendChild(C.el('li', {}, [link]));
    });
    var roles = (session.roles || []).map(function (r) {
      return C.t('role_' + String(r).toLowerCase());
    });
    var who = C.el('p', { className: 'who', id: 'who' });
    var name = C.el('strong', { id: 'who-name', text: session.username });
    who.appendChild(C.el('span', { key: 'signedInAs' }));
    who.appendChild(document.createTextNode(' '));
    who.appendChild(name);
    var roleText = C.el('span', { id: 'who-roles', className: 'roles' });
    C.say(roleText, 'rolesAre', function () {
      return [roles.length ? (session.roles || []).map(function (r) {
        return C.t('role_' + String(r).toLowerCase());
      }).join(', ') : C.t('noRole')];
    });
    who.appendChild(document.createTextNode(' '));
    who.appendChild(C.el('span', {}, ['(', roleText, ')']));
    var out = C.el('button', { type: 'button', id: 'sign-out', className: 'secondary small', key: 'signOut' });
    out.addEventListener('click', function () {
      out.disabled = true;
      C.call('DELETE', 'api/session', undefined, { quiet401: true }).then(function () {
        session = null;
        window.location.href = 'index.html';
      });
    });
    bar.appendChild(C.el('nav', { 'aria-label': C.t('navLabel') }, [list]));
    bar.appendChild(C.el('div', { className: 'account' }, [who, out]));
    bar.hidden = false;
  }

  C.onLanguage(function () {
    if (session) {
      renderHeader();
    }
  });

  function signedIn(account, first) {
    var again = session !== null || !first;
    session = account;
    renderHeader();
    var signin = document.getElementById('signin');
    var content = document.getElementById('page');
    if (signin) {
      signin.hidden = true;
    }
    if (content) {
      content.hidden = false;
    }
    if (!page.ready && !page.refresh) {
      return;
    }
    if (page.readyDone && page.refresh) {
      page.refresh(session);
    } else if (!page.readyDone) {
      page.readyDone = true;
      if (page.ready) {
        page.ready(session, again);
      }
    }
  }

  // ---------------------------------------------------------------- the sign-in

  var form = null;  // the sign-in's nodes, built once
  var pending = { username: '', newPassword: false };

  function buildSignIn() {
    var main = document.getElementById('main');
    var passwordForm = C.el('form', { id: 'password-form', novalidate: true }, [
      C.field({ id: 'signin-username', label: 'username', field: 'username', autocomplete: 'username',
        spellcheck: 'false' }),
      C.field({ id: 'signin-password', label: 'password', field: 'password', type: 'password',
        autocomplete: 'current-password' }),
      C.field({ id: 'signin-code', label: 'code', hint: 'codeHint', field: 'code', autocomplete: 'one-time-code',
        inputmode: 'numeric', maxlength: 6 }),
      C.el('p', { className: 'error', id: 'signin-error', 'data-field': '*', hidden: true, role: 'alert' }),
      C.el('button', { type: 'submit', className: 'primary', id: 'signin-submit', key: 'signIn' })
    ]);
    var enrolForm = C.el('form', { id: 'enrol-form', novalidate: true, hidden: true }, [
      C.el('h2', { id: 'enrol-title', key: 'enrolTitle' }),
      C.el('p', { key: 'enrolIntro' }),
      C.el('img', { id: 'qr', width: 200, height: 200, alt: '' }),
      C.el('p', { className: 'secret' }, [
        C.el('span', { id: 'secret-label', key: 'secretLabel' }), document.createTextNode(' '),
        C.el('code', { id: 'secret', 'aria-labelledby': 'secret-label' })
      ]),
      C.field({ id: 'enrol-code', label: 'code', hint: 'enrolCodeHint', field: 'code', autocomplete: 'one-time-code',
        inputmode: 'numeric', maxlength: 6 }),
      C.el('div', { id: 'new-password-fields', hidden: true }, [
        C.el('p', { key: 'newPasswordIntro' }),
        C.field({ id: 'new-password', label: 'newPassword', hint: 'newPasswordHint', field: 'newPassword',
          type: 'password', autocomplete: 'new-password' }),
        C.field({ id: 'new-password-again', label: 'newPasswordAgain', field: 'newPasswordAgain', type: 'password',
          autocomplete: 'new-password' })
      ]),
      C.el('p', { className: 'error', id: 'enrol-error', 'data-field': '*', hidden: true, role: 'alert' }),
      C.el('div', { className: 'actions' }, [
        C.el('button', { type: 'submit', className: 'primary', id: 'enrol-submit', key: 'enrolSubmit' }),
        C.el('button', { type: 'button', className: 'link', id: 'signin-other', key: 'otherAccount' })
      ])
    ]);
    var section = C.el('section', { id: 'signin', 'aria-labelledby': 'signin-title', hidden: true }, [
      C.el('h1', { id: 'signin-title', key: 'signinTitle' }),
      C.el('p', { id: 'signin-expired', className: 'panel notice', key: 'signinExpired', hidden: true, role: 'alert' }),
      C.el('p', { id: 'signin-intro', key: 'signinIntro' }),
      passwordForm,
      enrolForm
    ]);
    main.insertBefore(section, main.firstChild);
    form = { section: section, password: passwordForm, enrol: enrolForm };

    passwordForm.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(passwordForm);
      var username = document.getElementById('signin-username').value.trim();
      var password = document.getElementById('signin-password').value;
      var code = document.getElementById('signin-code').value.replace(/\s+/g, '');
      if (!username) {
        C.fieldMessage(passwordForm, 'username', 'usernameMissing');
        document.getElementById('signin-username').focus();
        return;
      }
      if (!password) {
        C.fieldMessage(passwordForm, 'password', 'passwordMissing');
        document.getElementById('signin-password').focus();
        return;
      }
      if (code && !/^[0-9]{6}$/.test(code)) {
        C.fieldMessage(passwordForm, 'code', 'codeMalformed');
        document.getElementById('signin-code').focus();
        return;
      }
      pending.username = username;
      var body = { username: username, password: password };
      if (code) {
        body.code = code;
      }
      send(passwordForm, 'POST', 'api/session', body);
    });

    enrolForm.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(enrolForm);
      var input = document.getElementById('enrol-code');
      var code = input.value.replace(/\s+/g, '');
      if (!/^[0-9]{6}$/.test(code)) {
        C.fieldMessage(enrolForm, 'code', code ? 'codeMalformed' : 'codeMissing');
        input.focus();
        return;
      }
      var body = { code: code };
      if (pending.newPassword) {
        var chosen = document.getElementById('new-password').value;
        if (chosen.length < 12) {
          C.fieldMessage(enrolForm, 'newPassword', 'newPasswordShort');
          document.getElementById('new-password').focus();
          return;
        }
        if (chosen !== document.getElementById('new-password-again').value) {
          C.fieldMessage(enrolForm, 'newPasswordAgain', 'newPasswordsDiffer');
          document.getElementById('new-password-again').focus();
          return;
        }
        body.newPassword = chosen;
      }
      send(enrolForm, 'POST', 'api/session/totp', body);
    });

    document.getElementById('signin-other').addEventListener('click', function () {
      askPassword();
    });
  }

  function send(which, method, path, body) {
    var button = which.querySelector('button[type=submit]');
    button.disabled = true;
    C.call(method, path, body, { quiet401: true }).then(function (answer) {
      button.disabled = false;
      if (answer.status === 200 && answer.data) {
        if (answer.data.secondFactor === 'enrolment-required') {
          askEnrolment(answer.data.enrolment || {}, !!answer.data.newPasswordRequired);
          return;
        }
        if (answer.data.secondFactor === 'verified') {
          ['signin-password', 'signin-code', 'enrol-code', 'new-password', 'new-password-again'].forEach(function (f) {
            document.getElementById(f).value = '';
          });
          signedIn(answer.data, false);
          return;
        }
      }
      var field = answer.problem && answer.problem.field;
      var node;
      if (answer.status === 401 && field === 'code' && which === form.enrol && /sign in again/.test(answer.problem.reason)) {
        askPassword();
        node = C.fieldMessage(form.password, '*', 'enrolmentLost');
      } else if (answer.status === 401 && field === 'code') {
        var input = which.querySelector('input[autocomplete="one-time-code"]');
        node = C.fieldMessage(which, 'code', input.value ? 'wrongCode' : 'codeMissing');
        input.value = '';
        input.focus();
        return;
      } else if (answer.status === 401 && which === form.enrol) {
        askPassword();
        node = C.fieldMessage(form.password, '*', 'enrolmentLost');
      } else if (answer.status === 401) {
        node = C.fieldMessage(form.password, 'password', 'wrongPassword');
        document.getElementById('signin-password').focus();
        return;
      } else if (answer.status === 429) {
        node = C.fieldMessage(which, '*', answer.retryAfter ? 'lockedOut' : 'lockedOutNoDelay',
          [Math.max(1, Math.ceil((answer.retryAfter || 0) / 60))]);
      } else {
        node = C.showProblem(which, answer);
      }
      if (node) {
        C.focus(node);
      }
    });
  }

  function askPassword() {
    form.enrol.hidden = true;
    form.password.hidden = false;
    C.clearProblems(form.enrol);
    document.getElementById('signin-username').focus();
  }

  function askEnrolment(enrolment, newPassword) {
    pending.newPassword = newPassword;
    form.password.hidden = true;
    form.enrol.hidden = false;
    C.clearProblems(form.password);
    C.clearProblems(form.enrol);
    document.getElementById('new-password-fields').hidden = !newPassword;
    var qr = document.getElementById('qr');
    qr.src = 'api/session/totp/qr.png?at=' + Date.now();
    qr.alt = C.t('qrAlt');
    C.plain(document.getElementById('secret'), (enrolment.secret || '').replace(/(.{4})/g, '$1 ').trim());
    document.getElementById('secret').setAttribute('data-secret', enrolment.secret || '');
    C.focus(document.getElementById('enrol-title'));
  }

  function showSignIn(expired) {
    if (!form) {
      buildSignIn();
      C.setLanguage(C.lang);
    }
    var content = document.getElementById('page');
    if (content) {
      content.hidden = true;
    }
    document.getElementById('signin-expired').hidden = !expired;
    if (expired && session) {
      document.getElementById('signin-username').value = session.username;
    }
    session = null;
    renderHeader();
    form.section.hidden = false;
    askPassword();
    if (expired) {
      C.focus(document.getElementById('signin-expired'));
    }
  }

  C.NBSP = NBSP;
  window.OPC = C;
}());
