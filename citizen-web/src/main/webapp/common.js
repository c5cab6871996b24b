// Shared by the citizens' pages (home, register, my registration, practice, vote, receipt, result): the language, the language switch, texts
// that follow the switch, safe DOM building (textContent only: nothing from the server is ever
// parsed as HTML) and calls to the public API with its problems (application/problem+json, with
// the input at fault in `field` and why in `reason`).
(function () {
  'use strict';

  var STORE = 'openprimary.lang';
  var texts = { fr: { asIs: '{0}' }, en: { asIs: '{0}' } };
  var spoken = [];      // nodes whose text is a message: [node, key, params]
  var listeners = [];

  function remember(lang) {
    try {
      window.localStorage.setItem(STORE, lang);
    } catch (e) {
      // storage may be refused (private mode): the choice then lasts for this page only
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

  var OP = {
    lang: initialLanguage(),

    /** Adds a page's texts: {fr: {...}, en: {...}}. */
    texts: function (more) {
      ['fr', 'en'].forEach(function (l) {
        Object.keys(more[l]).forEach(function (k) {
          texts[l][k] = more[l][k];
        });
      });
    },

    /** The text for key, with {0}, {1}... replaced by params (a params function gets the language). */
    t: function (key, params) {
      var text = texts[OP.lang][key];
      if (text === undefined) {
        text = texts.fr[key] === undefined ? key : texts.fr[key];
      }
      var values = typeof params === 'function' ? params(OP.lang) : (params || []);
      return text.replace(/\{(\d+)\}/g, function (all, n) {
        return values[n] === undefined ? all : String(values[n]);
      });
    },

    /** Sets a node's text to a message and keeps it in the current language on a switch. */
    say: function (node, key, params) {
      node.textContent = OP.t(key, params);
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
      node.textContent = text;
      return node;
    },

    /** A new element with a text, or with a message when key is in the page's texts. */
    el: function (tag, className, text) {
      var node = document.createElement(tag);
      if (className) {
        node.className = className;
      }
      if (text !== undefined && text !== null) {
        node.textContent = text;
      }
      return node;
    },

    onLanguage: function (listener) {
      listeners.push(listener);
    },

    setLanguage: function (lang) {
      OP.lang = lang;
      remember(lang);
      document.documentElement.lang = lang;
      document.querySelectorAll('[data-i18n]').forEach(function (node) {
        node.textContent = OP.t(node.getAttribute('data-i18n'));
      });
      spoken = spoken.filter(function (entry) {
        return entry[0].isConnected;
      });
      spoken.forEach(function (entry) {
        entry[0].textContent = OP.t(entry[1], entry[2]);
      });
      var other = lang === 'fr' ? 'en' : 'fr';
      var button = document.getElementById('lang');
      if (button) {
        button.lang = other;
        button.textContent = other === 'fr' ? 'Français' : 'English';
        button.setAttribute('aria-label', other === 'fr' ? 'Afficher la page en français' : 'Show this page in English');
      }
      var params = new URLSearchParams(window.location.search);
      if (params.has('lang')) {
        params.set('lang', lang);
        history.replaceState(history.state, '', window.location.pathname + '?' + params.toString());
      }
      listeners.forEach(function (listener) {
        listener(lang);
      });
    },

    /** Starts a page: texts in the language, the switch wired. */
    start: function () {
      var button = document.getElementById('lang');
      if (button) {
        button.addEventListener('click', function () {
          OP.setLanguage(OP.lang === 'fr' ? 'en' : 'fr');
        });
      }
      OP.setLanguage(OP.lang);
    },

    /** The fragment's parameters (#e=...&r=...): never sent to any server. */
    fragment: function () {
      return new URLSearchParams(window.location.hash.replace(/^#/, ''));
    },

    isId: function (id) {
      return typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
    },

    /**
     * Calls the API (headers: more request headers, e.g. a registration's Authorization). Resolves
     * to {status, data, problem, retryAfter}: status 0 when the network failed; problem =
     * {field, reason, code} for an application/problem+json answer (reason in the page's language,
     * code the API's stable name for it, or null).
     */
    call: function (method, path, body, headers) {
      // The API says its refusals' reasons in the page's language, not the browser's.
      var init = { method: method, headers: { Accept: 'application/json', 'Accept-Language': OP.lang || 'fr' },
        credentials: 'same-origin' };
      Object.keys(headers || {}).forEach(function (name) {
        init.headers[name] = headers[name];
      });
      if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      return fetch(path, init).then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        var answer = { status: response.status, data: null, problem: null,
          retryAfter: parseInt(response.headers.get('Retry-After'), 10) || null };
        if (type.indexOf('json') < 0) {
          return answer;
        }
        return response.json().then(function (json) {
          if (type.indexOf('problem+json') >= 0) {
            answer.problem = { field: json.field || null, reason: json.reason || json.detail || json.title || '',
              code: json.code || null };
          } else {
            answer.data = json;
          }
          return answer;
        }, function () {
          return answer;
        });
      }, function () {
        return { status: 0, data: null, problem: null, retryAfter: null };
      });
    },

    /** A number in the page's language. */
    number: function (value, options) {
      return new Intl.NumberFormat(OP.lang === 'fr' ? 'fr-FR' : 'en-GB', options).format(value);
    },

    /** A wait (a Retry-After in seconds) in plain words: "40 s", "5 min", "3 h". */
    duration: function (seconds) {
      var s = Math.max(1, Math.ceil(seconds));
      if (s <= 90) {
        return s + '\u00a0s';
      }
      if (s <= 90 * 60) {
        return Math.ceil(s / 60) + '\u00a0min';
      }
      return Math.ceil(s / 3600) + '\u00a0h';
    },

    /** A time of day (and the day when it is not today) in the page's language. */
    time: function (date) {
      var today = new Date().toDateString() === date.toDateString();
      var options = today ? { hour: '2-digit', minute: '2-digit' }
        : { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' };
      return new Intl.DateTimeFormat(OP.lang === 'fr' ? 'fr-FR' : 'en-GB', options).format(date);
    },

    /** Shows or hides an error message next to its field; returns the message node. */
    fieldError: function (id, key, params) {
      var node = document.getElementById(id + '-error');
      var field = document.getElementById(id + '-field') || node.parentNode;
      if (!key) {
        node.hidden = true;
        OP.plain(node, '');
        field.classList.remove('invalid');
        return node;
      }
      OP.say(node, key, params);
      node.hidden = false;
      field.classList.add('invalid');
      return node;
    },

    /** Moves the focus to a heading or a message, for keyboard and screen-reader users. */
    focus: function (node) {
      if (!node.hasAttribute('tabindex')) {
        node.setAttribute('tabindex', '-1');
      }
      node.focus();
    }
  };

  window.OP = OP;
}());
