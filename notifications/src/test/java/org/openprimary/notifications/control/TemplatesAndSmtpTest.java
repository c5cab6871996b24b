package org.openprimary.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TemplatesAndSmtpTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    private static final Map<String, String> PARAMETERS = Map.of("firstName", "Élise <b>",
            "link", "https://primaire.example/verify-email.html#r=1&t=abc");

    @Test
    void emailsAreWrittenInTheRegistrantsLanguageWithEveryParameterEscapedInHtml() {
        Templates.Rendered french = Templates.email("registration.email-link", "fr", PARAMETERS);
        assertEquals("Confirmez votre adresse électronique", french.subject());
        assertTrue(french.text().startsWith("Bonjour Élise <b>,"), french.text());
        assertTrue(french.html().contains("Bonjour Élise &lt;b&gt;,"), french.html());
        assertTrue(french.html().contains("href=\"https://primaire.example/verify-email.html#r=1&amp;t=abc\""));
        assertTrue(Templates.email("registration.email-link", "en", PARAMETERS).text().startsWith("Hello Élise"));
        assertEquals("OpenPrimary: you are on the roll of \"Primaire\".",
                Templates.sms("registration.on-roll", "en", Map.of("election", "Primaire")).text());
    }

    @Test
    void aMissingParameterOrTemplateIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Templates.email("registration.email-link", "fr", Map.of("firstName", "A")));
        assertFalse(Templates.exists("no.such.template", "email"));
        assertTrue(Templates.exists("registration.email-link", "email"));
        assertFalse(Templates.exists("registration.email-link", "sms"), "no SMS version of the email link");
    }

    @Test
    void smtpDeliversAPlainTextAndAnHtmlPartToARealMailServer() throws Exception {
        SmtpSender sender = new SmtpSender(new SmtpSender.Settings("127.0.0.1", ServerSetupTest.SMTP.getPort(),
                null, null, "OpenPrimary <noreply@primaire.example>", false));
        java.util.UUID message = java.util.UUID.randomUUID();
        String id = sender.send(message, "elise@example.org", Templates.email("registration.email-link", "fr", PARAMETERS));
        assertEquals("<" + message + "@primaire.example>", id, "the outbox message's own id, at the sender's domain");
        // sent again (an instance died before recording the first hand-over): the same message to the mailbox
        assertEquals(id, sender.send(message, "elise@example.org", Templates.email("registration.email-link", "fr",
                PARAMETERS)));

        assertTrue(SMTP.waitForIncomingEmail(5000, 2));
        MimeMessage received = SMTP.getReceivedMessages()[0];
        assertEquals(id, received.getMessageID());
        assertEquals(id, SMTP.getReceivedMessages()[1].getMessageID());
        assertEquals("Confirmez votre adresse électronique", received.getSubject());
        assertEquals("elise@example.org", received.getAllRecipients()[0].toString());
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(GreenMailUtil.getBody(parts.getBodyPart(0)).length() > 0);
        assertTrue(parts.getBodyPart(1).getContentType().startsWith("text/html"));
    }

    @Test
    void anUnreachableServerIsATemporaryFailure() {
        SmtpSender sender = new SmtpSender(new SmtpSender.Settings("127.0.0.1", 1, null, null,
                "noreply@primaire.example", false));
        Sender.DeliveryException failed = assertThrows(Sender.DeliveryException.class,
                () -> sender.send(java.util.UUID.randomUUID(), "elise@example.org", Templates.email("registration.email-link", "fr", PARAMETERS)));
        assertFalse(failed.permanent());
    }

    @Test
    void backOffGrowsAndIsCapped() {
        assertTrue(OutboxDelivery.backoff(1).toSeconds() >= 5 && OutboxDelivery.backoff(1).toSeconds() < 8);
        assertTrue(OutboxDelivery.backoff(3).toSeconds() >= 20);
        assertTrue(OutboxDelivery.backoff(40).toSeconds() <= 2700);
    }
}
