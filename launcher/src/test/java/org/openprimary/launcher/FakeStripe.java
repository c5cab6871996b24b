package org.openprimary.launcher;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local fake of Stripe for the card step, in both of its halves, served by one WireMock:
 * <ul>
 * <li>over HTTP, the part of Stripe's API the platform's {@code stripe-java} calls with its secret key
 * (create and retrieve a SetupIntent, retrieve and detach its PaymentMethod; for the participation fee,
 * create a PaymentIntent, once per idempotency key, and retrieve it);</li>
 * <li>over HTTPS (WireMock's own self-signed certificate), what the browser reaches as
 * {@code https://js.stripe.com} and {@code https://api.stripe.com} once Chromium maps both names to
 * it ({@link #browserArguments()}): a stand-in for Stripe.js with the calls register.js makes
 * ({@code Stripe(key, {locale})}, {@code elements().create('card', …).mount(…)},
 * {@code confirmCardSetup(secret, {payment_method: {card}})}, {@code confirmCardPayment} likewise), whose
 * card form is a frame of js.stripe.com that sends the number to api.stripe.com's
 * {@code /v1/setup_intents/{id}/confirm} or {@code /v1/payment_intents/{id}/confirm} with the
 * publishable key, as Stripe's does.</li>
 * </ul>
 * The SetupIntents and PaymentIntents are kept here, so what the browser confirmed is what the platform
 * reads back. A card
 * number's fingerprint is a hash of the number (the same card, the same fingerprint, as at Stripe);
 * {@value #DECLINED} is declined. Every request is kept with the key it came with, so a test can say
 * who ever saw a card number.
 */
final class FakeStripe implements AutoCloseable {

    static final String SECRET_KEY = "sk_test_launcher_it_fake";
    static final String PUBLISHABLE_KEY = "pk_test_launcher_it_fake";
    /** Stripe's test card that is always declined. */
    static final String DECLINED = "4000000000000002";

    /** One request as it reached the fake: which key it carried and its whole body or query, URL-decoded. */
    record Seen(String method, String path, String key, String content) {
    }

    private final Api api = new Api();
    private final WireMockServer server;

    FakeStripe() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().dynamicHttpsPort()
                .bindAddress("127.0.0.1").extensions(api));
        server.start();
        server.stubFor(WireMock.any(WireMock.urlPathMatching("/v1/.*")).willReturn(WireMock.aResponse()
                .withTransformers(Api.NAME)));
        server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v3/")).willReturn(asset("v3.js",
                "application/javascript")));
        server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v3/elements-inner-card.html")).willReturn(
                asset("elements-inner-card.html", "text/html; charset=utf-8")));
        server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v3/elements-inner-card.js")).willReturn(
                asset("elements-inner-card.js", "application/javascript")));
    }

    /** Where the platform's stripe-java is pointed ({@code OPENPRIMARY_STRIPE_API_BASE}). */
    String apiBase() {
        return "http://127.0.0.1:" + server.port(); // baseUrl() would name the HTTPS port, whose certificate Java refuses
    }

    /** Chromium's arguments that send js.stripe.com and api.stripe.com here and accept the certificate. */
    List<String> browserArguments() {
        int https = server.httpsPort();
        return List.of("--host-resolver-rules=MAP js.stripe.com 127.0.0.1:" + https + ", MAP api.stripe.com 127.0.0.1:"
                + https, "--ignore-certificate-errors");
    }

    /** Every request that reached Stripe's API, in order. */
    List<Seen> seen() {
        return List.copyOf(api.seen);
    }

    /** The platform's calls (its secret key) wait this long from now on: longer than its read timeout, Stripe is "slow". */
    void slow(int millis) {
        api.delayMillis = millis;
    }

    /** Whether the PaymentMethod was detached (the platform keeps no card at Stripe). */
    boolean detached(String paymentMethod) {
        return api.detached.contains(paymentMethod);
    }

    /** The PaymentMethods made so far, by the SetupIntent they confirmed. */
    Map<String, String> paymentMethods() {
        Map<String, String> made = new java.util.TreeMap<>();
        api.intents.forEach((id, intent) -> {
            if (intent.paymentMethod != null) {
                made.put(id, intent.paymentMethod);
            }
        });
        return made;
    }

    /** The PaymentIntents made so far: id → amount in cents, currency, status and the registration it is for. */
    Map<String, String> payments() {
        Map<String, String> made = new java.util.TreeMap<>();
        api.payments.forEach((id, payment) -> made.put(id, payment.amount + " " + payment.currency + " "
                + payment.status + " " + payment.registrant));
        return made;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static ResponseDefinitionBuilder asset(String name, String type) {
        try (InputStream in = FakeStripe.class.getResourceAsStream("/fake-stripe/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource fake-stripe/" + name);
            }
            return WireMock.aResponse().withStatus(200).withHeader("Content-Type", type)
                    .withHeader("Cache-Control", "no-store").withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SetupIntent as the fake keeps it. */
    private static final class Intent {
        final String id;
        final String clientSecret;
        final String registrant;
        volatile String status = "requires_payment_method";
        volatile String paymentMethod;

        Intent(String id, String clientSecret, String registrant) {
            this.id = id;
            this.clientSecret = clientSecret;
            this.registrant = registrant;
        }
    }

    /** A PaymentIntent as the fake keeps it. */
    private static final class Payment {
        final String id;
        final String clientSecret;
        final String registrant;
        final long amount;
        final String currency;
        volatile String status = "requires_payment_method";
        volatile String paymentMethod;

        Payment(String id, String clientSecret, String registrant, long amount, String currency) {
            this.id = id;
            this.clientSecret = clientSecret;
            this.registrant = registrant;
            this.amount = amount;
            this.currency = currency;
        }
    }

    /** Stripe's API, the few calls of the card step and of the fee, with its state. */
    static final class Api implements ResponseDefinitionTransformerV2 {

        static final String NAME = "fake-stripe-api";

        final Map<String, Intent> intents = new ConcurrentHashMap<>();
        final Map<String, Payment> payments = new ConcurrentHashMap<>();
        /** Idempotency key → the PaymentIntent it made: a retried create is the same payment, as at Stripe. */
        final Map<String, String> idempotent = new ConcurrentHashMap<>();
        /** Payment method id → its card's number's fingerprint and last four digits. */
        final Map<String, String[]> cards = new ConcurrentHashMap<>();
        final List<String> detached = new CopyOnWriteArrayList<>();
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger ids = new AtomicInteger(100);
        final SecureRandom random = new SecureRandom();
        volatile int delayMillis;

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = request.getUrl().replaceFirst("\\?.*", "");
            String method = request.getMethod().getName();
            String authorization = request.getHeader("Authorization");
            boolean platform = authorization != null && authorization.equals("Bearer " + SECRET_KEY);
            String key = platform ? "secret" : PUBLISHABLE_KEY.equals(form(request, "key")) ? "publishable" : "none";
            seen.add(new Seen(method, path, key, java.net.URLDecoder.decode("GET".equals(method) ? request.getUrl()
                    : request.getBodyAsString(), StandardCharsets.UTF_8)));
            String[] parts = path.substring(1).split("/");
            if (platform) {
                return answer(platformCall(method, parts, request), delayMillis);
            }
            if ("publishable".equals(key) && "POST".equals(method) && parts.length == 4 && "setup_intents".equals(parts[1])
                    && "confirm".equals(parts[3])) {
                return answer(confirm(parts[2], request), 0);
            }
            if ("publishable".equals(key) && "POST".equals(method) && parts.length == 4 && "payment_intents".equals(parts[1])
                    && "confirm".equals(parts[3])) {
                return answer(pay(parts[2], request), 0);
            }
            return answer(error(401, "invalid_request_error", null, "Invalid API Key provided"), 0);
        }

        private String[] platformCall(String method, String[] parts, Request request) {
            if ("POST".equals(method) && parts.length == 2 && "setup_intents".equals(parts[1])) {
                String id = "seti_" + ids.incrementAndGet();
                Intent intent = new Intent(id, id + "_secret_" + secret(),
                        form(request, "metadata[openprimary_registrant]"));
                intents.put(id, intent);
                return ok(intent(intent));
            }
            if ("GET".equals(method) && parts.length == 3 && "setup_intents".equals(parts[1])) {
                Intent intent = intents.get(parts[2]);
                return intent == null ? missing("setup_intent", parts[2]) : ok(intent(intent));
            }
            if ("POST".equals(method) && parts.length == 2 && "payment_intents".equals(parts[1])) {
                String idempotencyKey = request.getHeader("Idempotency-Key");
                String id = idempotencyKey == null ? null : idempotent.get(idempotencyKey);
                if (id == null) {
                    id = "pi_" + ids.incrementAndGet();
                    payments.put(id, new Payment(id, id + "_secret_" + secret(), form(request, "metadata[openprimary_registrant]"),
                            Long.parseLong(form(request, "amount")), form(request, "currency")));
                    if (idempotencyKey != null) {
                        idempotent.put(idempotencyKey, id);
                    }
                }
                return ok(payment(payments.get(id)));
            }
            if ("GET".equals(method) && parts.length == 3 && "payment_intents".equals(parts[1])) {
                Payment payment = payments.get(parts[2]);
                return payment == null ? missing("payment_intent", parts[2]) : ok(payment(payment));
            }
            if ("GET".equals(method) && parts.length == 3 && "payment_methods".equals(parts[1])) {
                String[] card = cards.get(parts[2]);
                return card == null ? missing("payment_method", parts[2]) : ok(paymentMethod(parts[2], card));
            }
            if ("POST".equals(method) && parts.length == 4 && "payment_methods".equals(parts[1])
                    && "detach".equals(parts[3])) {
                String[] card = cards.get(parts[2]);
                if (card == null) {
                    return missing("payment_method", parts[2]);
                }
                detached.add(parts[2]);
                return ok(paymentMethod(parts[2], card));
            }
            return error(404, "invalid_request_error", null, "Unrecognized request URL");
        }

        /** The browser's confirmation: the card's number reaches Stripe here, with the client secret. */
        private String[] confirm(String id, Request request) {
            Intent intent = intents.get(id);
            if (intent == null || !intent.clientSecret.equals(form(request, "client_secret"))) {
                return missing("setup_intent", id);
            }
            String number = form(request, "payment_method_data[card][number]");
            number = number == null ? "" : number.replaceAll("[\\s-]", "");
            if (!number.matches("\\d{12,19}")) {
                return error(402, "card_error", "incorrect_number", "Your card number is incorrect.");
            }
            if (DECLINED.equals(number)) {
                return error(402, "card_error", "card_declined", "Your card was declined.");
            }
            String paymentMethod = "pm_" + ids.incrementAndGet();
            cards.put(paymentMethod, new String[] {fingerprint(number), number.substring(number.length() - 4)});
            intent.paymentMethod = paymentMethod;
            intent.status = "succeeded";
            return ok(intent(intent));
        }

        /** The browser's payment: the card's number reaches Stripe here, with the PaymentIntent's client secret. */
        private String[] pay(String id, Request request) {
            Payment payment = payments.get(id);
            if (payment == null || !payment.clientSecret.equals(form(request, "client_secret"))) {
                return missing("payment_intent", id);
            }
            if ("succeeded".equals(payment.status)) {
                return error(400, "invalid_request_error", "payment_intent_unexpected_state",
                        "You cannot confirm this PaymentIntent because it has already succeeded.");
            }
            String number = form(request, "payment_method_data[card][number]");
            number = number == null ? "" : number.replaceAll("[\\s-]", "");
            if (!number.matches("\\d{12,19}")) {
                return error(402, "card_error", "incorrect_number", "Your card number is incorrect.");
            }
            if (DECLINED.equals(number)) {
                String[] declined = error(402, "card_error", "card_declined", "Your card was declined.");
                // Stripe's decline carries the PaymentIntent, still waiting for a payment method.
                declined[1] = declined[1].substring(0, declined[1].length() - 2) + ",\"payment_intent\":" + payment(payment)
                        + "}}";
                return declined;
            }
            String paymentMethod = "pm_" + ids.incrementAndGet();
            cards.put(paymentMethod, new String[] {fingerprint(number), number.substring(number.length() - 4)});
            payment.paymentMethod = paymentMethod;
            payment.status = "succeeded";
            return ok(payment(payment));
        }

        private static String payment(Payment payment) {
            boolean paid = "succeeded".equals(payment.status);
            return "{\"id\":\"" + payment.id + "\",\"object\":\"payment_intent\",\"amount\":" + payment.amount
                    + ",\"amount_received\":" + (paid ? payment.amount : 0) + ",\"currency\":\"" + payment.currency
                    + "\",\"client_secret\":\"" + payment.clientSecret + "\",\"status\":\"" + payment.status
                    + "\",\"payment_method_types\":[\"card\"],\"payment_method\":"
                    + (payment.paymentMethod == null ? "null" : "\"" + payment.paymentMethod + "\"")
                    + ",\"description\":\"OpenPrimary participation fee\",\"metadata\":{\"openprimary_registrant\":\""
                    + payment.registrant + "\"},\"livemode\":false}";
        }

        private String secret() {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        private static String fingerprint(String number) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(number.getBytes(StandardCharsets.US_ASCII));
                return HexFormat.of().formatHex(digest).substring(0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String intent(Intent intent) {
            return "{\"id\":\"" + intent.id + "\",\"object\":\"setup_intent\",\"client_secret\":\"" + intent.clientSecret
                    + "\",\"status\":\"" + intent.status + "\",\"usage\":\"on_session\",\"payment_method_types\":[\"card\"],"
                    + "\"payment_method\":" + (intent.paymentMethod == null ? "null" : "\"" + intent.paymentMethod + "\"")
                    + ",\"metadata\":{\"openprimary_registrant\":\"" + intent.registrant + "\"},\"livemode\":false}";
        }

        private static String paymentMethod(String id, String[] card) {
            return "{\"id\":\"" + id + "\",\"object\":\"payment_method\",\"type\":\"card\",\"card\":{\"brand\":\"visa\","
                    + "\"last4\":\"" + card[1] + "\",\"fingerprint\":\"" + card[0] + "\"},\"livemode\":false}";
        }

        private static String form(Request request, String name) {
            FormParameter value = request.formParameters().get(name);
            if (value == null || value.values().isEmpty()) {
                com.github.tomakehurst.wiremock.http.QueryParameter query = request.queryParameter(name);
                return query != null && query.isPresent() ? query.firstValue() : null;
            }
            return value.values().get(0);
        }

        private static String[] ok(String body) {
            return new String[] {"200", body};
        }

        private static String[] missing(String what, String id) {
            return error(404, "invalid_request_error", "resource_missing", "No such " + what + ": '" + id + "'");
        }

        private static String[] error(int status, String type, String code, String message) {
            return new String[] {String.valueOf(status), "{\"error\":{\"type\":\"" + type + "\","
                    + (code == null ? "" : "\"code\":\"" + code + "\",") + "\"message\":\"" + message + "\"}}"};
        }

        private static ResponseDefinition answer(String[] answer, int delay) {
            ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(Integer.parseInt(answer[0])).withHeader("Content-Type", "application/json")
                    .withHeader("Access-Control-Allow-Origin", "https://js.stripe.com")
                    .withHeader("Request-Id", "req_fake").withBody(answer[1]);
            if (delay > 0) {
                response.withFixedDelay(delay);
            }
            return response.build();
        }
    }
}
