package org.openprimary.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every message type in both languages; what is essential; the unsubscribe link. */
class TemplatesTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");

    @ParameterizedTest(name = "{0} is essential: {1}")
    @CsvSource({
        "registration.email-link, false",
        "registration.on-roll, false",
        "voting.opened, false",
        "voting.receipt, false",
        "voting.reminder, true",
        "result.published, true",
        "campaign.announcement, true"
    })
    void everyTemplateRendersInBothLanguagesAndOnlyNewsCarriesAnUnsubscribeLink(String template, boolean optional) {
        assertEquals(optional, Templates.optional(template));
        for (String language : new String[] {"fr", "en"}) {
            Templates.Rendered email = Templates.email(template, language, everyParameter(template, language));
            assertFalse(PARAMETER.matcher(email.text() + email.html() + email.subject()).find(), email.text());
            assertEquals(optional, email.text().contains("https://primaire.example/api/unsubscribe/tok"),
                    template + " " + language + ": the link in the text");
            assertEquals(optional, email.html().contains("href=\"https://primaire.example/api/unsubscribe/tok\""));
            assertEquals(optional, email.unsubscribe() != null);
        }
        assertTrue(Templates.exists(template, "email"));
    }

    private static Map<String, String> everyParameter(String template, String language) {
        Map<String, String> parameters = new HashMap<>();
        Templates.Rendered placeholders = Templates.email(template, language, new AnyParameter());
        Matcher matcher = PARAMETER.matcher(placeholders.subject() + placeholders.text() + placeholders.html());
        while (matcher.find()) {
            parameters.put(matcher.group(1), "x");
        }
        parameters.remove(Templates.UNSUBSCRIBE_LINK);
        if (Templates.optional(template)) {
            parameters.put(Templates.UNSUBSCRIBE_LINK, "https://primaire.example/api/unsubscribe/tok");
        }
        return parameters;
    }

    /** Answers every parameter with its own placeholder, to list a template's parameters. */
    private static final class AnyParameter extends HashMap<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String get(Object key) {
            return "{" + key + "}";
        }
    }

    @Test
    void anOrganizersTextIsEscapedKeepsItsLinesAndCannotAddAHeader() {
        Templates.Rendered rendered = Templates.email("campaign.announcement", "fr", Map.of(
                "subject", "Réunion\r\nBcc: everyone@example.org", "body", "Ligne 1 <script>\nLigne 2",
                Templates.UNSUBSCRIBE_LINK, "https://primaire.example/api/unsubscribe/t"));
        assertEquals("Réunion Bcc: everyone@example.org", rendered.subject());
        assertTrue(rendered.html().contains("Ligne 1 &lt;script&gt;<br>\nLigne 2"), rendered.html());
        assertTrue(rendered.text().startsWith("Ligne 1 <script>\nLigne 2"));
        assertNull(Templates.email("registration.email-link", "fr", Map.of("firstName", "A", "link", "l")).unsubscribe());
    }

    @Test
    void aNewsEmailTellsMailProvidersHowToUnsubscribeInOneClick() throws Exception {
        SmtpSender sender = new SmtpSender(new SmtpSender.Settings("127.0.0.1", ServerSetupTest.SMTP.getPort(),
                null, null, "noreply@primaire.example", false));
        sender.send(java.util.UUID.randomUUID(), "elise@example.org", Templates.email("result.published", "en", Map.of("election", "Primaire",
                "link", "https://primaire.example/results", Templates.UNSUBSCRIBE_LINK,
                "https://primaire.example/api/unsubscribe/tok")));
        assertTrue(SMTP.waitForIncomingEmail(5000, 1));
        MimeMessage received = SMTP.getReceivedMessages()[0];
        assertEquals("<https://primaire.example/api/unsubscribe/tok>", received.getHeader("List-Unsubscribe", null));
        assertEquals("List-Unsubscribe=One-Click", received.getHeader("List-Unsubscribe-Post", null));
    }
}
