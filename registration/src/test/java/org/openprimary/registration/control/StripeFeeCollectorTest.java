package org.openprimary.registration.control;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.ServiceUnavailableException;

/** The participation fee with the real stripe-java SDK against a local fake of Stripe's PaymentIntents API. */
class StripeFeeCollectorTest {

    private WireMockServer stripeApi;
    private StripeFeeCollector fees;

    @BeforeEach
    void start() {
        stripeApi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stripeApi.start();
        fees = new StripeFeeCollector();
        fees.secretKey = Optional.of("sk_test_local_fake");
        fees.publishableKey = Optional.of("pk_test_local_fake");
        fees.apiBase = Optional.of(stripeApi.baseUrl());
        fees.connect();
    }

    @AfterEach
    void stop() {
        stripeApi.stop();
    }

    private static String paymentIntent(String id, String status, String registrant, long amount, String currency) {
        return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"client_secret\":\"" + id + "_secret_abc\","
                + "\"status\":\"" + status + "\",\"amount\":" + amount + ",\"amount_received\":"
                + ("succeeded".equals(status) ? amount : 0) + ",\"currency\":\"" + currency + "\","
                + "\"payment_method_types\":[\"card\"],"
                + "\"metadata\":{\"openprimary_registrant\":\"" + registrant + "\"}}";
    }

    private void stubJson(com.github.tomakehurst.wiremock.client.MappingBuilder request, int status, String body) {
        stripeApi.stubFor(request.willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void aPaymentChargesTheFeeByCardNamesTheRegistrationAndCarriesAnIdempotencyKey() {
        stubJson(post(urlEqualTo("/v1/payment_intents")), 200,
                paymentIntent("pi_1", "requires_payment_method", "r-1", 100, "eur"));

        FeeCollector.Payment payment = fees.start("r-1", 100, "EUR", null);

        assertEquals("pi_1", payment.paymentId());
        assertEquals("pi_1_secret_abc", payment.clientSecret());
        assertEquals("pk_test_local_fake", payment.publishableKey());
        assertEquals("requires_payment_method", payment.status());
        stripeApi.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", containing("sk_test_local_fake"))
                .withHeader("Idempotency-Key", equalTo("openprimary-fee-r-1"))
                .withRequestBody(containing("amount=100"))
                .withRequestBody(containing("currency=eur"))
                .withRequestBody(containing("payment_method_types[0]=card"))
                .withRequestBody(containing("metadata[openprimary_registrant]=r-1")));
        List<LoggedRequest> made = stripeApi.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
        assertTrue(made.stream().noneMatch(r -> r.getBodyAsString().contains("card[number]")), "no card data from us");
    }

    @Test
    void aPaymentStartedBeforeIsGivenBackAndACanceledOneIsReplacedUnderAnotherKey() {
        stubJson(get(urlPathEqualTo("/v1/payment_intents/pi_1")), 200,
                paymentIntent("pi_1", "requires_action", "r-1", 100, "eur"));
        assertEquals("pi_1", fees.start("r-1", 100, "EUR", "pi_1").paymentId());
        stripeApi.verify(0, postRequestedFor(urlEqualTo("/v1/payment_intents")));

        stubJson(get(urlPathEqualTo("/v1/payment_intents/pi_1")), 200,
                paymentIntent("pi_1", "canceled", "r-1", 100, "eur"));
        stubJson(post(urlEqualTo("/v1/payment_intents")), 200,
                paymentIntent("pi_2", "requires_payment_method", "r-1", 100, "eur"));
        assertEquals("pi_2", fees.start("r-1", 100, "EUR", "pi_1").paymentId());
        stripeApi.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("openprimary-fee-r-1-after-pi_1")));
    }

    @Test
    void onlyASucceededPaymentOfThisRegistrationForTheFeesAmountAndCurrencyPays() {
        stubJson(get(urlPathEqualTo("/v1/payment_intents/pi_1")), 200,
                paymentIntent("pi_1", "succeeded", "r-1", 100, "eur"));
        FeeCollector.Paid paid = fees.paid("pi_1", "r-1", 100, "EUR", null);
        assertEquals(new FeeCollector.Paid("pi_1", 100, "EUR"), paid);

        assertEquals("paymentId", assertThrows(InvalidInputException.class,
                () -> fees.paid("pi_1", "r-other", 100, "EUR", null)).field().orElseThrow(), "another registration's");
        assertThrows(InvalidInputException.class, () -> fees.paid("pi_1", "r-1", 200, "EUR", null), "a smaller amount");
        assertThrows(InvalidInputException.class, () -> fees.paid("pi_1", "r-1", 100, "CHF", null), "another currency");

        stubJson(get(urlPathEqualTo("/v1/payment_intents/pi_1")), 200,
                paymentIntent("pi_1", "requires_payment_method", "r-1", 100, "eur"));
        ConflictException unpaid = assertThrows(ConflictException.class, () -> fees.paid("pi_1", "r-1", 100, "EUR", null));
        assertEquals("the payment did not go through (status requires_payment_method); pay in the page, then try again",
                unpaid.reason());
    }

    @Test
    void anUnknownPaymentIsBadInputAndAnOutageIsARetryableRefusalOnFee() {
        stubJson(get(urlPathEqualTo("/v1/payment_intents/pi_nope")), 404,
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                        + "\"message\":\"No such payment_intent: 'pi_nope'\",\"param\":\"intent\"}}");
        assertEquals("paymentId", assertThrows(InvalidInputException.class,
                () -> fees.paid("pi_nope", "r-1", 100, "EUR", null)).field().orElseThrow());

        stripeApi.stop();
        ServiceUnavailableException down = assertThrows(ServiceUnavailableException.class,
                () -> fees.start("r-1", 100, "EUR", null));
        assertEquals("fee", down.field().orElseThrow());
        assertTrue(down.retryAfter().toSeconds() > 0);
    }

    @Test
    void theDemoStandInPaysWithATestCardRefusesTheDeclinedOneAndKeepsPaymentsToTheirRegistration() {
        DemoFeeCollector demo = new DemoFeeCollector();
        FeeCollector.Payment payment = demo.start("r-1", 100, "EUR", null);
        assertEquals(new FeeCollector.Paid(payment.paymentId(), 100, "EUR"),
                demo.paid(payment.paymentId(), "r-1", 100, "eur", "4242 4242 4242 4242"));
        assertThrows(ConflictException.class, () -> demo.paid(payment.paymentId(), "r-1", 100, "EUR", "4000000000000002"));
        assertThrows(InvalidInputException.class, () -> demo.paid(payment.paymentId(), "r-2", 100, "EUR", "4242424242424242"));
        assertThrows(InvalidInputException.class, () -> demo.paid("pi_real", "r-1", 100, "EUR", "4242424242424242"));
        assertThrows(InvalidInputException.class, () -> demo.paid(payment.paymentId(), "r-1", 100, "EUR", "42"));
    }
}
