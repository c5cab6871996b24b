// The card form's frame of the Stripe.js stand-in: on the page's confirmCardSetup or confirmCardPayment,
// sends the card to api.stripe.com with the publishable key and the intent's client secret, and gives the page
// only the answer (never the number), as Stripe Elements do.
(function () {
  'use strict';
  var key = new URLSearchParams(location.search).get('key');
  if (new URLSearchParams(location.search).get('locale') === 'fr') {
    document.documentElement.lang = 'fr';
    document.getElementById('number-label').textContent = 'Numéro de carte';
  }
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !event.data || event.data.fakeStripe !== 'confirm') {
      return;
    }
    var secret = String(event.data.clientSecret || '');
    var intent = secret.split('_secret_')[0];
    var expiry = document.getElementById('exp-date').value.split('/');
    var body = new URLSearchParams();
    body.set('key', key);
    body.set('client_secret', secret);
    body.set('payment_method_data[type]', 'card');
    body.set('payment_method_data[card][number]', document.getElementById('cardnumber').value);
    body.set('payment_method_data[card][exp_month]', (expiry[0] || '').trim());
    body.set('payment_method_data[card][exp_year]', (expiry[1] || '').trim());
    body.set('payment_method_data[card][cvc]', document.getElementById('cvc').value);
    var reply = function (result) {
      event.source.postMessage({ fakeStripe: 'result', id: event.data.id, result: result }, event.origin);
    };
    var intents = event.data.intents === 'payment_intents' ? 'payment_intents' : 'setup_intents';
    fetch('https://api.stripe.com/v1/' + intents + '/' + encodeURIComponent(intent) + '/confirm', {
      method: 'POST', body: body
    }).then(function (response) {
      return response.json();
    }).then(function (answer) {
      reply(answer.error ? { error: answer.error }
        : intents === 'payment_intents' ? { paymentIntent: answer } : { setupIntent: answer });
    }, function () {
      reply({ error: { type: 'api_connection_error', message: 'Could not reach Stripe.' } });
    });
  });
}());
