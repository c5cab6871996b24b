package org.openprimary.notifications.control;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message templates, in French and English ({@code templates_fr.properties},
 * {@code templates_en.properties}): a subject, a plain text and an HTML body for email, a text for
 * SMS. {@code {name}} is replaced by the parameter; in HTML every parameter is escaped.
 */
public final class Templates {

    /**
     * A message ready to send; {@code unsubscribe} is the address of its unsubscribe link when it
     * is not essential (an email says so in its {@code List-Unsubscribe} header).
     */
    public record Rendered(String subject, String text, String html, String unsubscribe) {

        public Rendered(String subject, String text, String html) {
            this(subject, text, html, null);
        }
    }

    /** The parameter every non-essential email template shows as its unsubscribe link. */
    public static final String UNSUBSCRIBE_LINK = "unsubscribeLink";

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");

    private Templates() {
    }

    /** Whether a template exists for this channel ({@code email} or {@code sms}) in both languages. */
    public static boolean exists(String template, String channel) {
        return lookup(template, channel.equals("sms") ? "sms" : "text", "fr").isPresent()
                && lookup(template, channel.equals("sms") ? "sms" : "text", "en").isPresent();
    }

    /**
     * Whether a template is not essential ({@code <template>.optional=true}): news, reminders, the
     * result, an organizer's campaign. Those carry an unsubscribe link and are not sent to whoever
     * unsubscribed; codes, voting links and receipts are essential and always go.
     */
    public static boolean optional(String template) {
        return lookup(template, "optional", "en").map(v -> v.strip().equals("true")).orElse(false);
    }

    public static Rendered email(String template, String language, Map<String, String> parameters) {
        String subject = required(template, "subject", language);
        String text = required(template, "text", language);
        String html = required(template, "html", language);
        // A subject is one line whatever the parameters say (no header injection).
        return new Rendered(fill(subject, parameters, false).replaceAll("[\\r\\n]+", " ").strip(),
                fill(text, parameters, false), fill(html, parameters, true),
                parameters.get(UNSUBSCRIBE_LINK));
    }

    public static Rendered sms(String template, String language, Map<String, String> parameters) {
        return new Rendered(null, fill(required(template, "sms", language), parameters, false), null);
    }

    private static String required(String template, String part, String language) {
        return lookup(template, part, language).orElseThrow(() -> new IllegalArgumentException(
                "no template " + template + "." + part + " in '" + language + "'"));
    }

    private static Optional<String> lookup(String template, String part, String language) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle("org.openprimary.notifications.control.templates",
                    Locale.forLanguageTag(language), Templates.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            String key = template + "." + part;
            return bundle.containsKey(key) ? Optional.of(bundle.getString(key)) : Optional.empty();
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    static String fill(String pattern, Map<String, String> parameters, boolean html) {
        Matcher matcher = PARAMETER.matcher(pattern);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the template needs the parameter '" + matcher.group(1) + "'");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(html ? escape(value).replace("\n", "<br>\n") : value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
