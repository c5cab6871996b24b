// Accounts: an organizer creates a console account with its roles; its first password shows once,
// to hand over through another channel. The account's first sign-in enrols its second factor.
(function () {
  'use strict';
  var C = window.OPC;
  var ROLES = ['ORGANIZER', 'BAILIFF', 'TRUSTEE', 'OPERATOR', 'AUDITOR'];

  C.texts({
    fr: {
      pageTitle: 'Comptes', heading: 'Comptes de la console',
      intro: 'Créez un compte pour chaque personne' + C.NBSP + ': l’huissier et chaque gardien de clé ont le leur.'
        + ' Une personne peut avoir plusieurs rôles, mais les règles à deux personnes comptent les personnes.',
      username: 'Identifiant', roles: 'Rôles', create: 'Créer le compte',
      createdTitle: 'Compte créé', createdLine: 'Compte {0} créé, rôles' + C.NBSP + ': {1}.',
      firstPassword: 'Premier mot de passe' + C.NBSP + ':',
      createdNote: 'Il n’est affiché qu’une fois' + C.NBSP + ': transmettez-le à la personne par un autre canal. À sa'
        + ' première connexion, elle active la double authentification.',
      usernameMissing: 'Choisissez un identifiant.', rolesMissing: 'Choisissez au moins un rôle.',
      resetTitle: 'Téléphone perdu', resetIntro: 'Retirez le deuxième facteur d’une autre personne' + C.NBSP + ': elle en'
        + ' active un nouveau à sa prochaine connexion, avec son mot de passe. Personne ne retire le sien.',
      resetUsername: 'Identifiant de la personne', reset: 'Retirer son deuxième facteur',
      resetDone: 'Le deuxième facteur de {0} est retiré' + C.NBSP + ': à sa prochaine connexion, elle en activera un nouveau.'
    },
    en: {
      pageTitle: 'Accounts', heading: 'Console accounts',
      intro: 'Create one account per person: the bailiff and every trustee have their own. A person may hold several'
        + ' roles, but the two-person rules count people.',
      username: 'Username', roles: 'Roles', create: 'Create the account',
      createdTitle: 'Account created', createdLine: 'Account {0} created, roles: {1}.',
      firstPassword: 'First password:',
      createdNote: 'It shows only once: hand it to the person through another channel. At their first sign-in, they'
        + ' turn on two-factor sign-in.',
      usernameMissing: 'Choose a username.', rolesMissing: 'Choose at least one role.',
      resetTitle: 'Lost phone', resetIntro: 'Remove another person’s second factor: they set up a new one at their next'
        + ' sign-in, with their password. Nobody removes their own.',
      resetUsername: 'The person’s username', reset: 'Remove their second factor',
      resetDone: '{0}’s second factor is removed: they will set up a new one at their next sign-in.'
    }
  });

  function build() {
    var form = document.getElementById('account-form');
    var roles = C.el('fieldset', { className: 'field', id: 'roles-field' }, [
      C.el('legend', { key: 'roles' }),
      C.el('p', { className: 'error', 'data-field': 'roles', hidden: true })
    ]);
    ROLES.forEach(function (role) {
      roles.appendChild(C.el('label', {}, [
        C.el('input', { type: 'checkbox', name: 'role', value: role }),
        C.el('span', { key: 'role_' + role.toLowerCase() })
      ]));
    });
    [C.field({ id: 'username', label: 'username', field: 'username', spellcheck: 'false' }), roles,
      C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }),
      C.el('button', { type: 'submit', className: 'primary', id: 'create-account', key: 'create' })
    ].forEach(function (node) {
      form.appendChild(node);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var username = document.getElementById('username').value.trim();
      var chosen = Array.prototype.map.call(form.querySelectorAll('input[name=role]:checked'), function (i) {
        return i.value;
      });
      if (!username) {
        C.fieldMessage(form, 'username', 'usernameMissing');
        document.getElementById('username').focus();
        return;
      }
      if (!chosen.length) {
        C.fieldMessage(form, 'roles', 'rolesMissing');
        form.querySelector('input[name=role]').focus();
        return;
      }
      var button = document.getElementById('create-account');
      button.disabled = true;
      C.call('POST', 'api/accounts', { username: username, roles: chosen }).then(function (answer) {
        button.disabled = false;
        if (answer.status === 201 && answer.data) {
          var created = answer.data;
          C.say(document.getElementById('created-line'), 'createdLine', function () {
            return [created.username, (created.roles || []).map(function (r) {
              return C.t('role_' + String(r).toLowerCase());
            }).join(', ')];
          });
          C.plain(document.getElementById('created-password'), created.password);
          var panel = document.getElementById('created');
          panel.hidden = false;
          C.focus(panel);
          document.getElementById('username').value = '';
          form.querySelectorAll('input[name=role]').forEach(function (i) {
            i.checked = false;
          });
          return;
        }
        var node = C.showProblem(form, answer);
        if (node) {
          C.focus(node);
        }
      });
    });
    buildReset();
    C.setLanguage(C.lang);
  }

  function buildReset() {
    var form = document.getElementById('reset-form');
    [C.field({ id: 'reset-username', label: 'resetUsername', field: 'username', spellcheck: 'false' }),
      C.el('p', { className: 'error', 'data-field': '*', hidden: true, role: 'alert' }),
      C.el('button', { type: 'submit', className: 'danger', id: 'reset-second-factor', key: 'reset' })
    ].forEach(function (node) {
      form.appendChild(node);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.clearProblems(form);
      var input = document.getElementById('reset-username');
      var username = input.value.trim();
      if (!username) {
        C.fieldMessage(form, 'username', 'usernameMissing');
        input.focus();
        return;
      }
      var button = document.getElementById('reset-second-factor');
      button.disabled = true;
      C.call('POST', 'api/accounts/' + encodeURIComponent(username) + '/second-factor/reset').then(function (answer) {
        button.disabled = false;
        var done = document.getElementById('reset-done');
        if (answer.status === 204) {
          C.say(done, 'resetDone', [username]);
          done.hidden = false;
          C.focus(done);
          input.value = '';
          return;
        }
        done.hidden = true;
        var node = C.showProblem(form, answer);
        if (node) {
          C.focus(node);
        }
      });
    });
  }

  C.start({ ready: build });
}());
