package org.openprimary.notifications.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end on Payara Micro with the real PostgreSQL and the real Twilio SDK against a local fake
 * of Twilio's API: a campaign's SMS carries the status callback URL, then Twilio's signed callbacks
 * (out of order, twice, forged) move the campaign's counts and the deliverability report.
 */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = "java:app/jdbc/openprimary",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class DeliveryContainerTest {

    private static final String ACCOUNT = "AC00000000000000000000000000000007";
    private static final String SERVICE = "MG00000000000000000000000000000007";
    private static final String TOKEN = "container-test-auth-token";
    private static final String SID = "SM" + "7".repeat(32);
    private static final String TO = "+33612345670";
    private static final String CALLBACK = "https://primaire.example/api/notifications/twilio/status";

    @Deployment
    static WebArchive deployment() {
        String twilio = TwilioFake.start(ACCOUNT, SERVICE, SID, TO, CALLBACK);
        JavaArchive notifications = ShrinkWrap.create(JavaArchive.class, "openprimary-notifications.jar")
                .addPackages(true, "org.openprimary.notifications")
                .deleteClass(DeliveryContainerTest.class)
                .deleteClass(TwilioFake.class)
                .deleteClass(OutboxContainerTest.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsManifestResource("META-INF/beans.xml", "beans.xml")
                .addAsResource(new File("src/main/resources/db/migration/notifications"), "db/migration/notifications")
                .addAsResource(new File("src/main/resources/org/openprimary/notifications/control"),
                        "org/openprimary/notifications/control");
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        String config = "openprimary.sms.provider=twilio\n"
                + "openprimary.twilio.account-sid=" + ACCOUNT + "\n"
                + "openprimary.twilio.auth-token=" + TOKEN + "\n"
                + "openprimary.twilio.messaging-service-sid=" + SERVICE + "\n"
                + "openprimary.twilio.api-base=" + twilio + "\n"
                + "openprimary.public-url=https://primaire.example/\n";
        return ShrinkWrap.create(WebArchive.class, "delivery-test.war")
                .addClass(DeliveryContainerTest.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addAsLibraries(notifications)
                .addAsLibraries(libraries);
    }

    @EJB
    NotificationService notifications;

    @EJB
    DeliveryService delivery;

    private static String sign(String token, Map<String, String> form) throws Exception {
        return sign(token, CALLBACK, form);
    }

    private static String sign(String token, String url, Map<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> callback(String sid, String status) {
        Map<String, String> form = new HashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("MessagingServiceSid", SERVICE);
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("To", TO);
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    private void post(Map<String, String> form) throws Exception {
        delivery.twilioStatus(sign(TOKEN, form), form, null);
    }

    @Test
    void anSmsCarriesTheCallbackAndTwiliosSignedReportsMoveTheCampaignsCounts() throws Exception {
        assertEquals("twilio", notifications.providers().get("sms"));
        UUID campaign = notifications.createCampaign(new CampaignDraft("Ouverture", Channel.SMS, "voting.opened",
                Map.of("election", "Primaire", "closes", "dimanche 17 h"), "organizer"));
        notifications.addRecipients(campaign, List.of(new CampaignRecipient(TO, "fr",
                Map.of("firstName", "Élise", "link", "https://primaire.example/vote"))));
        notifications.startCampaign(campaign);
        long deadline = System.nanoTime() + 30_000_000_000L;
        // The fake answers only a request that names the status callback: otherwise the message fails.
        while (notifications.campaign(campaign).sent() < 1 && System.nanoTime() < deadline) {
            notifications.dispatchNow();
            Thread.sleep(200);
        }
        CampaignView sent = notifications.campaign(campaign);
        assertEquals(1, sent.sent(), sent.toString());
        assertEquals(0, sent.delivered());

        post(callback(SID, "sent"));
        assertEquals(0, notifications.campaign(campaign).delivered(), "sent is not delivered yet");
        post(callback(SID, "delivered"));
        post(callback(SID, "delivered"));
        post(callback(SID, "sent"));
        CampaignView delivered = notifications.campaign(campaign);
        assertEquals(1, delivered.delivered(), delivered.toString());
        assertEquals(0, delivered.undelivered(), "a late 'sent' changes nothing");
        assertEquals("delivered", notifications.message(notifications.history(TO).get(0).id()).delivery());

        Map<String, String> forged = callback(SID, "undelivered");
        assertEquals("X-Twilio-Signature", assertThrows(CallbackRefusedException.class,
                () -> delivery.twilioStatus(sign("not-our-token", forged), forged, null)).field().orElseThrow());
        assertThrows(CallbackRefusedException.class, () -> delivery.twilioStatus(null, forged, null));
        // The callback URL's reference to our message is signed too: nobody names a message of ours in it.
        UUID ours = notifications.history(TO).get(0).id();
        assertThrows(CallbackRefusedException.class, () -> delivery.twilioStatus(sign(TOKEN, forged), forged,
                ours.toString()), "signed over the URL without it");
        Map<String, String> late = callback(SID, "sent");
        delivery.twilioStatus(sign(TOKEN, CALLBACK + "?m=" + ours, late), late, ours.toString());
        assertEquals("m", assertThrows(org.openprimary.common.InvalidInputException.class,
                () -> delivery.twilioStatus(sign(TOKEN, CALLBACK + "?m=x", late), late, "x")).field().orElseThrow());
        assertEquals(1, notifications.campaign(campaign).delivered());

        post(callback("SM" + "0".repeat(31) + "9", "delivered"));   // unknown: accepted, changes nothing
        assertEquals("MessageSid", assertThrows(org.openprimary.common.InvalidInputException.class,
                () -> post(callback("not-a-sid", "delivered"))).field().orElseThrow());

        DeliverabilityView report = delivery.deliverability(24);
        DeliverabilityView.Row france = report.sms().stream().filter(r -> "FR".equals(r.country())).findFirst()
                .orElseThrow(() -> new AssertionError(report.toString()));
        assertTrue(france.handed() >= 1 && france.delivered() >= 1, france.toString());
        assertEquals("hours", assertThrows(org.openprimary.common.InvalidInputException.class,
                () -> delivery.deliverability(0)).field().orElseThrow());
    }
}
