// The console's front door: the sign-in (console.js builds it), then the page asked for, or the elections.
(function () {
  'use strict';
  var C = window.OPC;
  C.texts({ fr: { pageTitle: 'Connexion' }, en: { pageTitle: 'Sign in' } });

  function target() {
    var next = new URLSearchParams(window.location.search).get('next') || '';
    return /^[a-z-]+\.html(#[A-Za-z0-9=&_-]*)?$/.test(next) ? next : 'elections.html';
  }

  C.start({
    ready: function () {
      window.location.replace(target());
    }
  });
}());
