package org.openprimary.notifications.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import jakarta.transaction.UserTransaction;
import java.io.File;
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

    @Test
    void anUnknownTemplateOrNoRecipientIsRefused() {
        assertEquals("template", assertThrows(InvalidInputException.class, () -> notifications.send(
                new OutgoingMessage(Channel.EMAIL, "a@example.org", "nope", "fr", Map.of(), null))).field().orElseThrow());
        assertEquals("recipient", assertThrows(InvalidInputException.class, () -> notifications.send(
                new OutgoingMessage(Channel.EMAIL, " ", "registration.email-link", "fr", Map.of(), null))).field().orElseThrow());
    }
}
