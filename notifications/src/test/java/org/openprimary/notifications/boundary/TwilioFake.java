package org.openprimary.notifications.boundary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A fake of Twilio's Messages API on 127.0.0.1 for {@link DeliveryContainerTest}, started in the
 * test's JVM (the container's test methods reach it over HTTP, through the real SDK). It accepts a
 * message only when the request names the expected status callback.
 */
final class TwilioFake {

    private static WireMockServer server;

    private TwilioFake() {
    }

    static synchronized String start(String account, String service, String sid, String to, String callback) {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        server.stubFor(post(urlEqualTo("/2010-04-01/Accounts/" + account + "/Messages.json"))
                .withRequestBody(containing("StatusCallback=" + URLEncoder.encode(callback, StandardCharsets.UTF_8)))
                .withRequestBody(containing("MessagingServiceSid=" + service))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\",\"account_sid\":\"" + account + "\",\"messaging_service_sid\":\""
                                + service + "\",\"to\":\"" + to + "\",\"body\":\"x\",\"status\":\"accepted\","
                                + "\"num_segments\":\"1\",\"direction\":\"outbound-api\","
                                + "\"date_created\":\"Tue, 24 Nov 2026 12:00:00 +0000\"}")));
        return server.baseUrl();
    }
}
