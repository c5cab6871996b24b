// A stand-in for Stripe.js (https://js.stripe.com/v3/) in the launcher's tests: the calls the
// registration page makes, with the card form in a frame of js.stripe.com that sends the card's
// number to api.stripe.com itself, as Stripe's does. The page never holds the number.
(function () {
  'use strict';
  var ORIGIN = 'https://js.stripe.com';

  window.Stripe = function (publishableKey, options) {
    if (typeof publishableKey !== 'string' || publishableKey.indexOf('pk_') !== 0) {
      throw new Error('IntegrationError: Invalid value for Stripe(): apiKey should be a publishable key');
    }
    var locale = (options && options.locale) || 'auto';
    var frame = null;
    var pending = {};
    var next = 0;

    window.addEventListener('message', function (event) {
      if (event.origin !== ORIGIN || !event.data || event.data.fakeStripe !== 'result') {
        return;
      }
      var resolve = pending[event.data.id];
      delete pending[event.data.id];
      if (resolve) {
        resolve(event.data.result);
      }
    });

    function card(settings) {
      return {
        mount: function (where) {
          var host = typeof where === 'string' ? document.querySelector(where) : where;
          frame = document.createElement('iframe');
          frame.name = '__privateStripeFrame' + next;
          frame.title = 'Secure card payment input frame';
          frame.setAttribute('allowtransparency', 'true');
          frame.setAttribute('width', '100%');
          frame.setAttribute('height', '120');
          frame.src = ORIGIN + '/v3/elements-inner-card.html?locale=' + encodeURIComponent(locale)
            + '&hidePostalCode=' + (settings && settings.hidePostalCode ? 'true' : 'false')
            + '&key=' + encodeURIComponent(publishableKey);
          host.appendChild(frame);
        }
      };
    }

    /** Asks the card's frame to confirm the intent (a SetupIntent or a PaymentIntent) with Stripe. */
    function confirm(intents, clientSecret, data) {
      return new Promise(function (resolve) {
        if (!frame || !data || !data.payment_method || !data.payment_method.card) {
          resolve({ error: { type: 'validation_error', message: 'No card element was given.' } });
          return;
        }
        var id = String(next++);
        pending[id] = resolve;
        frame.contentWindow.postMessage({ fakeStripe: 'confirm', id: id, intents: intents, clientSecret: clientSecret },
          ORIGIN);
      });
    }

    return {
      elements: function () {
        return {
          create: function (type, settings) {
            if (type !== 'card') {
              throw new Error('IntegrationError: this stand-in makes card elements only');
            }
            return card(settings);
          }
        };
      },
      confirmCardSetup: function (clientSecret, data) {
        return confirm('setup_intents', clientSecret, data);
      },
      confirmCardPayment: function (clientSecret, data) {
        return confirm('payment_intents', clientSecret, data);
      }
    };
  };
}());
