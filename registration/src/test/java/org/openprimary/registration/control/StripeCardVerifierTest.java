package org.openprimary.registration.control;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.ServiceUnavailableException;

/** The real stripe-java SDK against a local fake of Stripe's HTTP API. */
class StripeCardVerifierTest {

    private WireMockServer stripeApi;
    private StripeCardVerifier verifier;

    @BeforeEach
    void start() {
        stripeApi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stripeApi.start();
        verifier = new StripeCardVerifier();
        verifier.secretKey = Optional.of("sk_test_local_fake");
        verifier.publishableKey = Optional.of("pk_test_local_fake");
        verifier.apiBase = Optional.of(stripeApi.baseUrl());
        verifier.connect();
    }

    @AfterEach
    void stop() {
        stripeApi.stop();
    }

    private static String setupIntent(String status, String registrant) {
        return "{\"id\":\"seti_123\",\"object\":\"setup_intent\",\"client_secret\":\"seti_123_secret_abc\","
                + "\"status\":\"" + status + "\",\"payment_method\":\"pm_456\",\"usage\":\"on_session\","
                + "\"metadata\":{\"openprimary_registrant\":\"" + registrant + "\"}}";
    }

    private void stubJson(com.github.tomakehurst.wiremock.client.MappingBuilder request, int status, String body) {
        stripeApi.stubFor(request.willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void aSetupAsksForACardWith3dSecureAndNamesTheRegistration() {
        stubJson(post(urlEqualTo("/v1/setup_intents")), 200, setupIntent("requires_payment_method", "r-1"));

        CardVerifier.Setup setup = verifier.start("r-1");

        assertEquals("seti_123", setup.setupId());
        assertEquals("seti_123_secret_abc", setup.clientSecret());
        assertEquals("pk_test_local_fake", setup.publishableKey());
        stripeApi.verify(postRequestedFor(urlEqualTo("/v1/setup_intents"))
                .withHeader("Authorization", containing("sk_test_local_fake"))
                .withRequestBody(containing("payment_method_types[0]=card"))
                .withRequestBody(containing("payment_method_options[card][request_three_d_secure]=any"))
                .withRequestBody(containing("metadata[openprimary_registrant]=r-1")));
    }

    @Test
    void aConfirmedSetupGivesTheCardsFingerprintAndTheCardIsDetached() {
        stubJson(get(urlPathEqualTo("/v1/setup_intents/seti_123")), 200, setupIntent("succeeded", "r-1"));
        stubJson(get(urlPathEqualTo("/v1/payment_methods/pm_456")), 200,
                "{\"id\":\"pm_456\",\"object\":\"payment_method\",\"type\":\"card\","
                        + "\"card\":{\"brand\":\"visa\",\"last4\":\"4242\",\"fingerprint\":\"Xt5EWLLDS7FJjR1c\"}}");
        stubJson(post(urlEqualTo("/v1/payment_methods/pm_456/detach")), 200,
                "{\"id\":\"pm_456\",\"object\":\"payment_method\",\"type\":\"card\"}");

        assertEquals("Xt5EWLLDS7FJjR1c", verifier.fingerprint("seti_123", "r-1", null));

        stripeApi.verify(postRequestedFor(urlEqualTo("/v1/payment_methods/pm_456/detach")));
        stripeApi.verify(getRequestedFor(urlPathEqualTo("/v1/setup_intents/seti_123")));
    }

    @Test
    void anotherRegistrationsSetupOrAnUnconfirmedOneProvesNothing() {
        stubJson(get(urlPathEqualTo("/v1/setup_intents/seti_123")), 200, setupIntent("succeeded", "r-other"));
        assertEquals("setupId", assertThrows(InvalidInputException.class,
                () -> verifier.fingerprint("seti_123", "r-1", null)).field().orElseThrow());

        stubJson(get(urlPathEqualTo("/v1/setup_intents/seti_123")), 200, setupIntent("requires_action", "r-1"));
        assertThrows(ConflictException.class, () -> verifier.fingerprint("seti_123", "r-1", null));
        stripeApi.verify(0, postRequestedFor(urlPathEqualTo("/v1/payment_methods/pm_456/detach")));
    }

    @Test
    void anUnknownSetupIsBadInputAndAnOutageIsRetryable() {
        stubJson(get(urlPathEqualTo("/v1/setup_intents/seti_nope")), 404,
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                        + "\"message\":\"No such setupintent: 'seti_nope'\",\"param\":\"intent\"}}");
        assertThrows(InvalidInputException.class, () -> verifier.fingerprint("seti_nope", "r-1", null));

        stripeApi.stop();
        assertThrows(ServiceUnavailableException.class, () -> verifier.start("r-1"));
    }

    @Test
    void theDemoStandInTellsTestCardsApartAndKeepsSetupsToTheirRegistration() {
        DemoCardVerifier demo = new DemoCardVerifier();
        CardVerifier.Setup setup = demo.start("r-1");
        String visa = demo.fingerprint(setup.setupId(), "r-1", "4242 4242 4242 4242");
        assertEquals(visa, demo.fingerprint(setup.setupId(), "r-1", "4242-4242-4242-4242"));
        assertEquals(false, visa.equals(demo.fingerprint(setup.setupId(), "r-1", "5555 5555 5555 4444")));
        assertThrows(InvalidInputException.class, () -> demo.fingerprint(setup.setupId(), "r-2", "4242424242424242"));
        assertThrows(InvalidInputException.class, () -> demo.fingerprint(setup.setupId(), "r-1", "42"));
    }

    /**
     * Drill 4 (issue 5): Stripe slow, then back. The card step fails in time as a retryable 503 on
     * {@code card}, a second call while the first waits is refused at once, and the same step works
     * when Stripe answers again: the citizen retries without starting over.
     */
    @Test
    void aSlowStripeIsARetryableRefusalInTimeAndTheSameStepWorksWhenItIsBack() throws Exception {
        verifier.maxConcurrentCalls = 1;
        verifier.readTimeoutMillis = 1000;
        verifier.connect();
        stripeApi.stubFor(post(urlEqualTo("/v1/setup_intents")).willReturn(aResponse().withStatus(200).withFixedDelay(5000)
                .withHeader("Content-Type", "application/json").withBody(setupIntent("requires_payment_method", "r-1"))));
        java.util.concurrent.CompletableFuture<Exception> first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                verifier.start("r-1");
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        while (stripeApi.findAll(postRequestedFor(urlEqualTo("/v1/setup_intents"))).isEmpty()) {
            Thread.sleep(20);
        }
        ServiceUnavailableException busy = assertThrows(
                ServiceUnavailableException.class, () -> verifier.start("r-2"));
        assertTrue(busy.reason().contains("busy"), busy.reason());
        Exception failure = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(failure instanceof ServiceUnavailableException, String.valueOf(failure));
        assertEquals("card", ((ServiceUnavailableException) failure).field().orElseThrow());

        stripeApi.resetAll();
        stubJson(post(urlEqualTo("/v1/setup_intents")), 200, setupIntent("requires_payment_method", "r-1"));
        assertEquals("seti_123", verifier.start("r-1").setupId());
    }
}
