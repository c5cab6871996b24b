// Opens an email link: the registration id and the token are in the URL's fragment (never sent to
// any server, nor to the mail provider's link scanners); the page posts them once.
(function () {
  'use strict';
  var TEXT = {
    fr: {
      heading: 'Confirmation de votre adresse', home: 'Accueil', checking: 'Vérification…',
      done: 'Adresse confirmée. ', onRoll: 'Vous êtes sur la liste électorale.',
      next: 'Poursuivez votre inscription pour les autres étapes.',
      failed: 'Ce lien est erroné, déjà utilisé ou expiré. Demandez un nouveau lien.',
      broken: 'Ce lien est incomplet : copiez-le en entier depuis le message.',
      unavailable: 'Le service ne répond pas ; réessayez dans un instant.'
    },
    en: {
      heading: 'Confirming your address', home: 'Home', checking: 'Checking…',
      done: 'Address confirmed. ', onRoll: 'You are on the electoral roll.',
      next: 'Go on with your registration for the other steps.',
      failed: 'This link is wrong, already used or expired. Ask for a new link.',
      broken: 'This link is incomplete: copy all of it from the message.',
      unavailable: 'The service does not answer; try again in a moment.'
    }
  };
  var lang = (navigator.language || 'fr').toLowerCase().indexOf('fr') === 0 ? 'fr' : 'en';
  var t = TEXT[lang];
  document.documentElement.lang = lang;
  document.getElementById('heading').textContent = t.heading;
  document.getElementById('home').textContent = t.home;
  var status = document.getElementById('status');
  status.textContent = t.checking;

  var parts = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  var id = parts.get('r');
  var token = parts.get('t');
  history.replaceState(null, '', window.location.pathname); // the token leaves the address bar
  if (!id || !token || !/^[0-9a-f-]{36}$/.test(id)) {
    status.textContent = t.broken;
    return;
  }
  fetch('api/registrants/' + id + '/email/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token: token })
  }).then(function (response) {
    if (response.status >= 500) {
      status.textContent = t.unavailable;
      return null;
    }
    if (!response.ok) {
      status.textContent = t.failed;
      return null;
    }
    return response.json();
  }).then(function (registration) {
    if (registration) {
      status.textContent = t.done + (registration.status === 'ON_ROLL' ? t.onRoll : t.next);
    }
  }).catch(function () {
    status.textContent = t.unavailable;
  });
}());
