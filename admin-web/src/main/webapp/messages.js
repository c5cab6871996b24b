// Messages: the codes the demo's SMS stand-in "sent", the notifications outbox (with the text of the
// messages the console stand-in kept) and the campaigns with their progress; an organizer sends
// what is due now, and starts, pauses, resumes or cancels a campaign.
(function () {
  'use strict';
  var C = window.OPC;

  C.texts({
    fr: {
      pageTitle: 'Messages', heading: 'Messages',
      intro: 'En démonstration, aucun SMS ni courriel ne quitte la machine' + C.NBSP + ': les codes et les messages'
        + ' apparaissent ici.',
      codesTitle: 'Codes envoyés par SMS (démo)', colPhone: 'Téléphone', colCode: 'Code', colSentAt: 'Envoyé',
      colUsed: 'Utilisé', noCodes: 'Aucun code (ou un vrai fournisseur SMS est configuré).',
      outboxTitle: 'Boîte d’envoi', dispatch: 'Envoyer maintenant ce qui est dû', reload: 'Actualiser',
      dispatched: '{0} message(s) traité(s).',
      colCreated: 'Créé', colChannel: 'Canal', colRecipient: 'Destinataire', colTemplate: 'Modèle', colStatus: 'État',
      colText: 'Texte (démo)', noMessages: 'Aucun message.',
      campaignsTitle: 'Campagnes', colName: 'Nom', colProgress: 'Avancement', colActions: 'Actions',
      noCampaigns: 'Aucune campagne.',
      progress: '{0} envoyé(s), {1} remis, {2} en attente, {3} en échec, {4} ignoré(s), {5} annulé(s)',
      start: 'Envoyer', pause: 'Suspendre', resume: 'Reprendre', cancel: 'Annuler',
      failed: 'Chargement impossible' + C.NBSP + ': {0}'
    },
    en: {
      pageTitle: 'Messages', heading: 'Messages',
      intro: 'In the demo no SMS or email leaves the machine: the codes and the messages show here.',
      codesTitle: 'Codes sent by SMS (demo)', colPhone: 'Phone', colCode: 'Code', colSentAt: 'Sent',
      colUsed: 'Used', noCodes: 'No code (or a real SMS provider is configured).',
      outboxTitle: 'Outbox', dispatch: 'Send what is due now', reload: 'Refresh',
      dispatched: '{0} message(s) handled.',
      colCreated: 'Created', colChannel: 'Channel', colRecipient: 'Recipient', colTemplate: 'Template', colStatus: 'Status',
      colText: 'Text (demo)', noMessages: 'No message.',
      campaignsTitle: 'Campaigns', colName: 'Name', colProgress: 'Progress', colActions: 'Actions',
      noCampaigns: 'No campaign.',
      progress: '{0} sent, {1} delivered, {2} waiting, {3} failed, {4} skipped, {5} cancelled',
      start: 'Send', pause: 'Pause', resume: 'Resume', cancel: 'Cancel',
      failed: 'Could not load: {0}'
    }
  });

  function $(name) {
    return document.getElementById(name);
  }

  function table(id, statusId, emptyKey, items, row) {
    var body = C.clear(document.querySelector('#' + id + ' tbody'));
    items.forEach(function (item) {
      body.appendChild(row(item));
    });
    if (items.length) {
      C.plain($(statusId), '');
    } else {
      C.say($(statusId), emptyKey);
    }
  }

  function failed(statusId, answer) {
    if (answer.status !== 401) {
      var said = C.problemText(answer);
      C.say($(statusId), 'failed', [C.t(said[0], said[1])]);
    }
  }

  function load() {
    C.call('GET', 'api/console/codes?limit=50').then(function (answer) {
      if (answer.status !== 200) {
        return failed('codes-status', answer);
      }
      table('codes', 'codes-status', 'noCodes', answer.data || [], function (c) {
        return C.el('tr', {}, [C.el('td', { text: c.phone }), C.el('td', { className: 'code', text: c.code }),
          C.el('td', { text: C.time(c.sentAt) }), C.el('td', { key: c.used ? 'yes' : 'no' })]);
      });
    });
    C.call('GET', 'api/notifications/outbox?limit=100').then(function (answer) {
      if (answer.status !== 200) {
        return failed('outbox-status', answer);
      }
      table('outbox', 'outbox-status', 'noMessages', answer.data || [], function (m) {
        return C.el('tr', {}, [C.el('td', { text: C.time(m.createdAt) }), C.el('td', { text: m.channel }),
          C.el('td', { text: m.recipient }), C.el('td', { text: m.template }), C.el('td', { text: m.status }),
          C.el('td', { className: 'text', text: (m.subject ? m.subject + ' — ' : '') + (m.text || '') })]);
      });
    });
    C.call('GET', 'api/notifications/campaigns').then(function (answer) {
      if (answer.status !== 200) {
        return failed('campaigns-status', answer);
      }
      table('campaigns', 'campaigns-status', 'noCampaigns', answer.data || [], function (c) {
        var actions = C.el('td', { className: 'actions' });
        if (C.has('organizer')) {
          var possible = { DRAFT: ['start', 'cancel'], SENDING: ['pause', 'cancel'], PAUSED: ['resume', 'cancel'] };
          (possible[c.status] || []).forEach(function (verb) {
            var button = C.el('button', { type: 'button', className: 'secondary small', key: verb });
            button.addEventListener('click', function () {
              button.disabled = true;
              C.call('POST', 'api/notifications/campaigns/' + c.id + '/' + verb).then(function (done) {
                if (done.status !== 200) {
                  failed('campaigns-status', done);
                }
                load();
              });
            });
            actions.appendChild(button);
          });
        }
        return C.el('tr', {}, [C.el('th', { scope: 'row', text: c.name }), C.el('td', { text: c.status }),
          C.el('td', { key: 'progress', params: [c.sent, c.delivered, c.waiting + c.queued, c.failed + c.undelivered,
            c.skipped, c.cancelled] }), actions]);
      });
    });
  }

  C.start({
    ready: function () {
      var form = $('dispatch-form');
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        C.clearProblems(form);
        C.call('POST', 'api/notifications/outbox/dispatch').then(function (answer) {
          if (answer.status === 200) {
            load();
            C.say($('dispatch-status'), 'dispatched', [answer.data ? answer.data.handled : 0]);
          } else {
            C.showProblem(form, answer);
          }
        });
      });
      $('reload').addEventListener('click', load);
      load();
    },
    refresh: load
  });
}());
