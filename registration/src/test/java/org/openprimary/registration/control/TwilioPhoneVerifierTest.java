package org.openprimary.registration.control;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openprimary.common.ServiceUnavailableException;
import org.openprimary.common.TooManyRequestsException;

/** The real Twilio SDK against a local fake of Twilio Verify's HTTP API. */
class TwilioPhoneVerifierTest {

    private static final String SERVICE = "VA00000000000000000000000000000001";
    private static final String ACCOUNT = "AC00000000000000000000000000000001";
    private static final String VERIFICATIONS = "/v2/Services/" + SERVICE + "/Verifications";
    private static final String CHECK = "/v2/Services/" + SERVICE + "/VerificationCheck";

    private WireMockServer twilio;
    private TwilioPhoneVerifier verifier;

    @BeforeEach
    void start() {
        twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
        verifier = new TwilioPhoneVerifier();
        verifier.accountSid = Optional.of(ACCOUNT);
        verifier.authToken = Optional.of("test-auth-token");
        verifier.serviceSid = Optional.of(SERVICE);
        verifier.apiBase = Optional.of(twilio.baseUrl());
        verifier.connect();
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    private static String verification(String status) {
        return "{\"sid\":\"VE00000000000000000000000000000001\",\"service_sid\":\"" + SERVICE + "\","
                + "\"account_sid\":\"" + ACCOUNT + "\",\"to\":\"+33612345678\",\"channel\":\"sms\","
                + "\"status\":\"" + status + "\",\"valid\":" + status.equals("approved") + ","
                + "\"date_created\":\"2026-11-24T12:00:00Z\",\"date_updated\":\"2026-11-24T12:00:00Z\"}";
    }

    @Test
    void sendingACodeAsksVerifyWithTheNumberChannelAndLanguage() {
        twilio.stubFor(post(urlEqualTo(VERIFICATIONS))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(verification("pending"))));

        verifier.send("+33612345678", PhoneVerifier.Channel.CALL, "en");

        twilio.verify(postRequestedFor(urlEqualTo(VERIFICATIONS))
                .withHeader("Authorization", matching("Basic .+"))
                .withRequestBody(containing("To=%2B33612345678"))
                .withRequestBody(containing("Channel=call"))
                .withRequestBody(containing("Locale=en")));
    }

    @Test
    void aLandlineAcceptedByTheElectionGetsItsCodeByVerifysCallChannelEvenWhenAnSmsIsAsked() {
        twilio.stubFor(post(urlEqualTo(VERIFICATIONS))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(verification("pending"))));
        org.openprimary.registration.entity.PhoneNumber landline = org.openprimary.registration.entity.PhoneNumber
                .parse("01 42 68 53 00", java.util.List.of("FR"), "phone", true);
        assertTrue(landline.isLandline());

        verifier.send(landline.e164(), PhoneVerifier.reaching(landline.e164(), PhoneVerifier.Channel.SMS), "fr");

        twilio.verify(postRequestedFor(urlEqualTo(VERIFICATIONS))
                .withRequestBody(containing("To=%2B33142685300"))
                .withRequestBody(containing("Channel=call")));
        twilio.verify(0, postRequestedFor(urlEqualTo(VERIFICATIONS)).withRequestBody(containing("Channel=sms")));
    }

    @Test
    void aMobileStillGetsTheChannelItAsksFor() {
        twilio.stubFor(post(urlEqualTo(VERIFICATIONS))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(verification("pending"))));

        verifier.send("+33612345678", PhoneVerifier.reaching("+33612345678", PhoneVerifier.Channel.SMS), "fr");

        twilio.verify(postRequestedFor(urlEqualTo(VERIFICATIONS)).withRequestBody(containing("Channel=sms")));
    }

    @Test
    void anApprovedCheckIsARightCodeAndAPendingOneIsNot() {
        twilio.stubFor(post(urlEqualTo(CHECK)).withRequestBody(containing("Code=123456"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(verification("approved"))));
        twilio.stubFor(post(urlEqualTo(CHECK)).withRequestBody(containing("Code=654321"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(verification("pending"))));

        assertTrue(verifier.check("+33612345678", "123456"));
        assertFalse(verifier.check("+33612345678", "654321"));
        twilio.verify(postRequestedFor(urlEqualTo(CHECK)).withRequestBody(containing("To=%2B33612345678")));
    }

    @Test
    void anExpiredOrUnknownVerificationIsAWrongCode() {
        twilio.stubFor(post(urlEqualTo(CHECK)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}")));
        assertFalse(verifier.check("+33612345678", "123456"));
    }

    @Test
    void verifysLimitsBecomeATooManyRequestsAnswer() {
        twilio.stubFor(post(urlEqualTo(VERIFICATIONS)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":60203,\"message\":\"Max send attempts reached\",\"status\":429}")));
        TooManyRequestsException limited = assertThrows(TooManyRequestsException.class,
                () -> verifier.send("+33612345678", PhoneVerifier.Channel.SMS, "fr"));
        assertEquals("phone", limited.field().orElseThrow());
    }

    @Test
    void anOutageIsAServiceUnavailableAnswerTheCitizenCanRetry() {
        twilio.stubFor(post(urlEqualTo(VERIFICATIONS)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}")));
        assertThrows(ServiceUnavailableException.class,
                () -> verifier.send("+33612345678", PhoneVerifier.Channel.SMS, "fr"));
        twilio.stop();
        assertThrows(ServiceUnavailableException.class,
                () -> verifier.send("+33612345678", PhoneVerifier.Channel.SMS, "fr"));
    }

    @Test
    void withoutItsSettingsTheVerifierRefusesToStart() {
        TwilioPhoneVerifier unconfigured = new TwilioPhoneVerifier();
        unconfigured.accountSid = Optional.empty();
        unconfigured.authToken = Optional.empty();
        unconfigured.serviceSid = Optional.empty();
        unconfigured.apiBase = Optional.empty();
        unconfigured.connect();
        IllegalStateException refused = assertThrows(IllegalStateException.class, unconfigured::checkConfigured);
        assertTrue(refused.getMessage().contains("openprimary.twilio.verify-service-sid"));
    }

    /**
     * Drill 4 (issue 5): Verify slow. A call waits at most its timeout and fails as a retryable 503;
     * the calls beyond the bulkhead are refused at once, without a request to Twilio, so a slow provider
     * never takes every request thread of the server; when Verify answers again, the same call works.
     */
    @Test
    void aSlowVerifyTakesAtMostItsPlacesEachCallFailsInTimeAndTheSameCallWorksWhenItIsBack() throws Exception {
        verifier.maxConcurrentCalls = 2;
        verifier.responseTimeoutMillis = 1500;
        verifier.connect();
        twilio.stubFor(post(urlEqualTo(VERIFICATIONS)).willReturn(aResponse().withStatus(201).withFixedDelay(6000)
                .withHeader("Content-Type", "application/json").withBody(verification("pending"))));
        java.util.concurrent.ExecutorService citizens = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<Exception>> slow = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String phone = "+3361234567" + i;
                slow.add(citizens.submit(() -> {
                    try {
                        verifier.send(phone, PhoneVerifier.Channel.SMS, "fr");
                        return null;
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            while (twilio.findAll(postRequestedFor(urlEqualTo(VERIFICATIONS))).size() < 2) {
                Thread.sleep(20);
            }
            ServiceUnavailableException busy = assertThrows(ServiceUnavailableException.class,
                    () -> verifier.send("+33612345679", PhoneVerifier.Channel.SMS, "fr"));
            assertTrue(busy.reason().contains("busy"), busy.reason());
            assertEquals("phone", busy.field().orElseThrow());
            assertTrue(twilio.findAll(postRequestedFor(urlEqualTo(VERIFICATIONS)).withRequestBody(
                    containing("To=%2B33612345679"))).isEmpty(), "refused without calling Twilio");
            for (java.util.concurrent.Future<Exception> call : slow) {
                Exception failure = call.get(20, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(failure instanceof ServiceUnavailableException, String.valueOf(failure));
                assertTrue(((ServiceUnavailableException) failure).reason().contains("unavailable"));
            }
        } finally {
            citizens.shutdownNow();
        }
        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo(VERIFICATIONS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(verification("pending"))));
        verifier.send("+33612345679", PhoneVerifier.Channel.SMS, "fr");
        twilio.verify(postRequestedFor(urlEqualTo(VERIFICATIONS)).withRequestBody(containing("To=%2B33612345679")));
    }
}
