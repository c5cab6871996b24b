package org.openprimary.notifications.control;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Email over SMTP with Jakarta Mail: a plain-text and an HTML part, from the configured sender. */
final class SmtpSender implements Sender {

    /** The SMTP settings, from configuration. */
    record Settings(String host, int port, String username, String password, String from, boolean startTls) {
    }

    private final Session session;
    private final InternetAddress from;
    /** The sender's domain, the right-hand side of our Message-IDs. */
    private final String domain;

    SmtpSender(Settings settings) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", Integer.toString(settings.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "20000");
        properties.put("mail.smtp.writetimeout", "20000");
        properties.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        boolean auth = settings.username() != null && !settings.username().isBlank();
        properties.put("mail.smtp.auth", Boolean.toString(auth));
        this.session = auth
                ? Session.getInstance(properties, new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(settings.username(), settings.password());
                    }
                })
                : Session.getInstance(properties);
        try {
            this.from = new InternetAddress(settings.from(), true);
            String address = from.getAddress();
            this.domain = address.substring(address.lastIndexOf('@') + 1);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException("openprimary.smtp.from is not an email address: " + settings.from(), e);
        }
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public String send(java.util.UUID messageId, String recipient, Templates.Rendered rendered) throws DeliveryException {
        try {
            String id = "<" + messageId + "@" + domain + ">";
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    // The same Message-ID at every attempt: a copy sent again after a crash is one message
                    // to mailboxes that know it already (RFC 5322 3.6.4), not a second one.
                    setHeader("Message-ID", id);
                }
            };
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
            message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", text, html));
            if (rendered.unsubscribe() != null) {
                // RFC 8058: mail providers offer their own button, which posts to the link.
                message.setHeader("List-Unsubscribe", "<" + rendered.unsubscribe() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            message.saveChanges();
            Transport.send(message);
            return message.getMessageID();
        } catch (SendFailedException e) {
            throw new DeliveryException("the mail server refused the recipient: " + e.getMessage(), true, e);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new DeliveryException("not an email address", true, e);
        } catch (MessagingException e) {
            throw new DeliveryException("the mail server could not be reached or failed: " + e.getMessage(), false, e);
        }
    }
}
