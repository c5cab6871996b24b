package org.openprimary.notifications.control;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Twilio SDK against a local fake of Twilio's Messages API (loopback only). */
class TwilioSmsSenderTest {

    private static final String ACCOUNT = "AC00000000000000000000000000000001";
    private static final String SERVICE = "MG00000000000000000000000000000001";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final String TO = "+33612345678";
    private static final java.util.UUID MESSAGE = java.util.UUID.fromString("0b7e0f52-6a43-4c1e-9f39-2f6c1b1d0a11");
    private static final Templates.Rendered TEXT = new Templates.Rendered(null, "Votre code : 123456", null);

    private WireMockServer twilio;
    private TwilioSmsSender sender;

    @BeforeEach
    void start() {
        twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
        sender = new TwilioSmsSender(new TwilioSmsSender.Settings(ACCOUNT, "test-auth-token", SERVICE, null,
                twilio.baseUrl(), "https://primaire.example/api/notifications/twilio/status"));
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    private static String message(String sid) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT + "\",\"messaging_service_sid\":\"" + SERVICE
                + "\",\"to\":\"" + TO + "\",\"body\":\"x\",\"status\":\"accepted\",\"num_segments\":\"1\","
                + "\"direction\":\"outbound-api\",\"date_created\":\"Tue, 24 Nov 2026 12:00:00 +0000\"}";
    }

    private void answer(int status, String body) {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String error(int code, int status, String text) {
        return "{\"code\":" + code + ",\"message\":\"" + text + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code + "\",\"status\":" + status + "}";
    }

    @Test
    void aMessageGoesThroughTheMessagingServiceWithItsStatusCallback() throws Exception {
        answer(201, message("SM00000000000000000000000000000042"));

        assertEquals("SM00000000000000000000000000000042", sender.send(MESSAGE, TO, TEXT));

        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", matching("Basic .+"))
                .withRequestBody(containing("To=%2B33612345678"))
                .withRequestBody(containing("MessagingServiceSid=" + SERVICE))
                .withRequestBody(containing("Body=Votre+code"))
                .withRequestBody(containing("StatusCallback=https%3A%2F%2Fprimaire.example%2Fapi%2Fnotifications%2Ftwilio"
                        + "%2Fstatus%3Fm%3D" + MESSAGE)));
    }

    @Test
    void withoutAMessagingServiceTheSenderNumberIsUsed() throws Exception {
        sender = new TwilioSmsSender(new TwilioSmsSender.Settings(ACCOUNT, "t", null, "+33700000000",
                twilio.baseUrl(), null));
        answer(201, message("SM00000000000000000000000000000043"));
        sender.send(MESSAGE, TO, TEXT);
        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("From=%2B33700000000")));
    }

    @Test
    void aRecipientWhoSentStopIsOptedOutAndTheErrorNamesNoNumber() {
        answer(400, error(21610, 400, "Attempt to send to unsubscribed recipient " + TO));
        Sender.DeliveryException refused = assertThrows(Sender.DeliveryException.class, () -> sender.send(MESSAGE, TO, TEXT));
        assertTrue(refused.optedOut());
        assertTrue(refused.permanent());
        assertFalse(refused.getMessage().contains(TO), refused.getMessage());
        assertTrue(refused.getMessage().contains("+33 6** ** ** 78"), refused.getMessage());
    }

    @Test
    void anInvalidNumberIsPermanentAndALimitOrAnOutageIsRetried() {
        answer(400, error(21211, 400, "Invalid 'To' Phone Number"));
        Sender.DeliveryException invalid = assertThrows(Sender.DeliveryException.class, () -> sender.send(MESSAGE, TO, TEXT));
        assertTrue(invalid.permanent());
        assertFalse(invalid.optedOut());

        answer(429, error(20429, 429, "Too Many Requests"));
        assertFalse(assertThrows(Sender.DeliveryException.class, () -> sender.send(MESSAGE, TO, TEXT)).permanent());

        answer(503, error(20503, 503, "Service Unavailable"));
        assertFalse(assertThrows(Sender.DeliveryException.class, () -> sender.send(MESSAGE, TO, TEXT)).permanent());
    }

    @Test
    void anUnreachableApiIsATemporaryFailure() {
        twilio.stop();
        assertFalse(assertThrows(Sender.DeliveryException.class, () -> sender.send(MESSAGE, TO, TEXT)).permanent());
    }

    @Test
    void incompleteSettingsRefuseToStart() {
        assertThrows(IllegalStateException.class, () -> new TwilioSmsSender(
                new TwilioSmsSender.Settings(ACCOUNT, "t", null, null, null, null)));
        assertThrows(IllegalStateException.class, () -> new TwilioSmsSender(
                new TwilioSmsSender.Settings(null, "t", SERVICE, null, null, null)));
    }
}
