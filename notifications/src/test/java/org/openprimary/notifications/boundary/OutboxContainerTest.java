package org.openprimary.notifications.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openprimary.common.InvalidInputException;

/** The outbox on Payara Micro against the real PostgreSQL, with the console channel. */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = "java:app/jdbc/openprimary", // in the EAR, application.xml declares it
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class OutboxContainerTest {

    @Deployment
    static WebArchive deployment() {
        JavaArchive notifications = ShrinkWrap.create(JavaArchive.class, "openprimary-notifications.jar")
                .addPackages(true, "org.openprimary.notifications")
                .deleteClass(OutboxContainerTest.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsManifestResource("META-INF/beans.xml", "beans.xml")
                .addAsResource(new File("src/main/resources/db/migration/notifications"), "db/migration/notifications")
                .addAsResource(new File("src/main/resources/org/openprimary/notifications/control"),
                        "org/openprimary/notifications/control");
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        return ShrinkWrap.create(WebArchive.class, "notifications-test.war")
                .addClass(OutboxContainerTest.class)
                .addAsLibraries(notifications)
                .addAsLibraries(libraries);
    }

    @EJB
    NotificationService notifications;

    @Resource
    UserTransaction transaction;

    private static OutgoingMessage emailLink(String key) {
        return new OutgoingMessage(Channel.EMAIL, "elise@example.org", "registration.email-link", "fr",
                Map.of("firstName", "Élise", "link", "http://localhost:8080/verify-email.html#t=" + key), key);
    }

    @Test
    void aQueuedMessageIsDeliveredOnceAndItsKeyQueuesNothingTwice() {
        String key = "test:" + UUID.randomUUID();
        UUID id = notifications.send(emailLink(key));
        assertEquals(id, notifications.send(emailLink(key)), "the same key is the same message");

        notifications.dispatchNow();

        OutboxView sent = notifications.outbox(500).stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
        assertEquals("SENT", sent.status());
        assertEquals("console", sent.provider());
        assertEquals(1, sent.attempts());
        assertEquals("Confirmez votre adresse électronique", sent.subject());
        assertTrue(sent.text().contains("#t=" + key), "the demo shows the console message's text");
        assertEquals(1, notifications.outbox(500).stream().filter(m -> m.text() != null && m.text().contains(key)).count());
    }

    @Test
    void aMessageQueuedInATransactionThatRollsBackIsNeverSent() throws Exception {
        String key = "rolled-back:" + UUID.randomUUID();
        transaction.begin();
        notifications.send(emailLink(key));
        transaction.rollback();
        notifications.dispatchNow();
        assertTrue(notifications.outbox(500).stream().noneMatch(m -> m.text() != null && m.text().contains(key)));
    }

    private static final java.util.regex.Pattern UNSUBSCRIBE =
            java.util.regex.Pattern.compile("/api/unsubscribe/([A-Za-z0-9_-]+)");

    private OutboxView delivered(UUID id) {
        notifications.dispatchNow();
        return notifications.message(id);
    }

    @Test
    void aNewsletterCarriesAnUnsubscribeLinkAfterWhichNewsIsSkippedButEssentialMessagesGo() {
        String address = "news." + UUID.randomUUID() + "@example.org";
        OutgoingMessage result = new OutgoingMessage(Channel.EMAIL, address, "result.published", "en",
                Map.of("election", "Primaire", "link", "http://localhost:8080/results"), null);
        OutboxView first = delivered(notifications.send(result));
        assertEquals("SENT", first.status());
        java.util.regex.Matcher link = UNSUBSCRIBE.matcher(first.text());
        assertTrue(link.find(), first.text());
        String token = link.group(1);

        SubscriptionView subscription = notifications.subscription(token);
        assertEquals("n***@example.org", subscription.address(), "the page never shows the whole address");
        assertEquals(false, subscription.unsubscribed());
        assertTrue(notifications.unsubscribe(token).unsubscribed());
        assertTrue(notifications.unsubscribe(token).unsubscribed(), "the link works twice, changing nothing");

        assertEquals("SKIPPED", delivered(notifications.send(result)).status());
        UUID receipt = notifications.send(new OutgoingMessage(Channel.EMAIL, address, "voting.receipt", "fr",
                Map.of("election", "P", "receipt", "r"), null));
        assertEquals("SENT", delivered(receipt).status(), "a receipt is essential: it goes whatever the subscription");
        assertEquals("token", assertThrows(org.openprimary.common.NotFoundException.class,
                () -> notifications.unsubscribe("no-such-token")).field().orElseThrow());
    }

    @Test
    void aCampaignIsQueuedInBatchesHeldUntilStartedPausedAndCancelledWithItsCounts() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String gone = "gone." + run + "@example.org";
        OutboxView news = delivered(notifications.send(new OutgoingMessage(Channel.EMAIL, gone, "result.published",
                "fr", Map.of("election", "P", "link", "l"), null)));
        java.util.regex.Matcher link = UNSUBSCRIBE.matcher(news.text());
        assertTrue(link.find());
        notifications.unsubscribe(link.group(1));

        UUID campaign = notifications.createCampaign(new CampaignDraft("Réunion publique", Channel.EMAIL,
                "campaign.announcement", Map.of("subject", "Réunion", "body", "Rendez-vous jeudi <18 h>"), "organizer"));
        List<CampaignRecipient> batch = List.of(
                new CampaignRecipient("a." + run + "@example.org", "fr", Map.of()),
                new CampaignRecipient("b." + run + "@example.org", "en", Map.of("body", "Meeting on Thursday")),
                new CampaignRecipient(gone.toUpperCase(java.util.Locale.ROOT), "fr", Map.of()));
        assertEquals(3, notifications.addRecipients(campaign, batch));
        assertEquals(0, notifications.addRecipients(campaign, batch), "a batch handed again adds nothing");
        notifications.dispatchNow();
        CampaignView draft = notifications.campaign(campaign);
        assertEquals("DRAFT", draft.status());
        assertEquals(3, draft.queued());
        assertEquals(2, draft.waiting(), "nothing goes before the organizer starts it");
        assertEquals(1, draft.skipped(), "the unsubscribed address, whatever its case");

        notifications.startCampaign(campaign);
        notifications.dispatchNow();
        CampaignView sent = notifications.campaign(campaign);
        assertEquals(2, sent.sent());
        assertEquals(0, sent.waiting());
        OutboxView english = notifications.history("b." + run + "@example.org").get(0);
        assertTrue(english.text().startsWith("Meeting on Thursday"), "a recipient's parameters win");
        OutboxView french = notifications.history("a." + run + "@example.org").get(0);
        assertEquals("Réunion", french.subject());

        notifications.pauseCampaign(campaign);
        assertEquals(1, notifications.addRecipients(campaign,
                List.of(new CampaignRecipient("c." + run + "@example.org", "fr", Map.of()))));
        notifications.dispatchNow();
        assertEquals(1, notifications.campaign(campaign).waiting(), "a paused campaign sends nothing");
        CampaignView cancelled = notifications.cancelCampaign(campaign);
        assertEquals("CANCELLED", cancelled.status());
        assertEquals(1, cancelled.cancelled());
        assertEquals(4, cancelled.queued());
        assertThrows(org.openprimary.common.ConflictException.class, () -> notifications.resumeCampaign(campaign));
        assertThrows(org.openprimary.common.ConflictException.class, () -> notifications.addRecipients(campaign,
                List.of(new CampaignRecipient("d." + run + "@example.org", "fr", Map.of()))));
        assertTrue(notifications.campaigns().stream().anyMatch(c -> c.id().equals(campaign)));
    }

    @Test
    void aCampaignRecipientMustSuitTheChannel() {
        UUID campaign = notifications.createCampaign(new CampaignDraft("SMS", Channel.SMS, "voting.reminder",
                Map.of(), "organizer"));
        assertEquals("recipients[1]", assertThrows(InvalidInputException.class, () -> notifications.addRecipients(
                campaign, List.of(new CampaignRecipient("+33612345678", "fr", Map.of()),
                        new CampaignRecipient("0612345678", "fr", Map.of())))).field().orElseThrow());
        assertEquals("template", assertThrows(InvalidInputException.class, () -> notifications.createCampaign(
                new CampaignDraft("x", Channel.SMS, "registration.email-link", Map.of(), "o"))).field().orElseThrow());
    }

    @Test
    void anUnknownTemplateOrNoRecipientIsRefused() {
        assertEquals("template", assertThrows(InvalidInputException.class, () -> notifications.send(
                new OutgoingMessage(Channel.EMAIL, "a@example.org", "nope", "fr", Map.of(), null))).field().orElseThrow());
        assertEquals("recipient", assertThrows(InvalidInputException.class, () -> notifications.send(
                new OutgoingMessage(Channel.EMAIL, " ", "registration.email-link", "fr", Map.of(), null))).field().orElseThrow());
    }
}
