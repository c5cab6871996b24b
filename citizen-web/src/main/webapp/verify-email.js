// Opens an email link: the registration id and the token are in the URL's fragment (never sent to
// any server, nor to the mail provider's link scanners); the page posts them once, then says what
// comes next: the registration page, in the tab or on the device where it was started, goes on by
// itself.
(function () {
  'use strict';
  var OP = window.OP;
  var NBSP = '\u00a0';

  OP.texts({
    fr: {
      skip: 'Aller au contenu', heading: 'Confirmation de votre adresse', home: 'Accueil', mine: 'Mon inscription',
      checking: 'Vérification…',
      done: 'Adresse confirmée.', onRoll: 'Adresse confirmée. Vous êtes sur la liste électorale.',
      next: 'Adresse confirmée. Revenez à la page d’inscription, dans l’onglet ou sur l’appareil où vous l’avez'
        + ' commencée' + NBSP + ': elle continue d’elle-même.',
      goOn: 'Poursuivre mon inscription',
      failed: 'Ce lien est erroné, déjà utilisé ou expiré. Demandez un nouveau lien depuis la page d’inscription.',
      broken: 'Ce lien est incomplet' + NBSP + ': copiez-le en entier depuis le message.',
      unavailable: 'Le service ne répond pas' + NBSP + '; réessayez dans un instant en rouvrant le lien.'
    },
    en: {
      skip: 'Skip to content', heading: 'Confirming your address', home: 'Home', mine: 'My registration',
      checking: 'Checking…',
      done: 'Address confirmed.', onRoll: 'Address confirmed. You are on the electoral roll.',
      next: 'Address confirmed. Go back to the registration page, in the tab or on the device where you started'
        + ' it: it goes on by itself.',
      goOn: 'Go on with my registration',
      failed: 'This link is wrong, already used or expired. Ask for a new link from the registration page.',
      broken: 'This link is incomplete: copy all of it from the message.',
      unavailable: 'The service does not answer; try again in a moment by opening the link again.'
    }
  });

  OP.start();
  var status = document.getElementById('status');
  var parts = OP.fragment();
  var id = parts.get('r');
  var token = parts.get('t');
  history.replaceState(null, '', window.location.pathname); // the token leaves the address bar
  if (!OP.isId(id) || !token) {
    OP.say(status, 'broken');
    return;
  }
  OP.call('POST', 'api/registrants/' + id + '/email/verify', { token: token }).then(function (answer) {
    if (answer.status === 0 || answer.status >= 500) {
      return OP.say(status, 'unavailable');
    }
    if (answer.status !== 200 || !answer.data) {
      return OP.say(status, 'failed');
    }
    document.getElementById('answer').className = 'panel success';
    if (answer.data.status === 'ON_ROLL') {
      return OP.say(status, 'onRoll');
    }
    OP.say(status, 'next');
    var next = document.getElementById('next');
    var link = OP.el('a', 'button primary');
    link.href = 'register.html';
    OP.say(link, 'goOn');
    next.replaceChildren(link);
    next.hidden = false;
  });
}());
