package org.openprimary.notifications.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.notifications.control.Channels;
import org.openprimary.notifications.control.DeliveryReports;
import org.openprimary.notifications.control.Deliverability;
import org.openprimary.notifications.control.Masking;
import org.openprimary.notifications.control.TwilioCallbacks;

/**
 * What becomes of messages once handed over: the provider's delivery reports (Twilio's status
 * callbacks) and deliverability per email domain and phone country, with its alerts.
 */
@Stateless
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());

    @Inject
    Clock clock;

    @EJB
    Channels channels;

    @EJB
    DeliveryReports reports;

    @EJB
    Deliverability deliverability;

    /**
     * A Twilio status callback: its form fields and its {@code X-Twilio-Signature}. Not found when
     * the console stand-in carries SMS (no Twilio to call); refused (403) when the signature is
     * missing or is not Twilio's over the configured callback URL; a malformed field is a 400.
     * An unknown message, a duplicate, or a state older than the one recorded changes nothing and
     * is not an error (the caller learns nothing of which messages exist). {@code message} is the
     * callback URL's reference to our outbox message ({@code ?m=}), null for a URL without one: a
     * report of a message whose hand-over we did not record (the instance died between Twilio's
     * answer and its commit, or Twilio's answer was lost on the way) records it as sent, so that it
     * is not sent again.
     */
    public void twilioStatus(String signature, Map<String, String> form, String message) {
        TwilioCallbacks callbacks = channels.twilioCallbacks()
                .orElseThrow(() -> new NotFoundException("provider", "SMS are not sent through Twilio here"));
        if (signature == null || signature.isBlank()) {
            throw new CallbackRefusedException("X-Twilio-Signature", "a Twilio callback must be signed");
        }
        if (!callbacks.authentic(form, signature, message)) {
            throw new CallbackRefusedException("X-Twilio-Signature", "this signature is not Twilio's");
        }
        Optional<DeliveryReports.StatusReport> report;
        try {
            report = DeliveryReports.StatusReport.of(form);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), "missing or malformed in Twilio's callback");
        }
        if (report.isEmpty()) {
            LOG.fine(() -> "Twilio status callback ignored: status " + form.get("MessageStatus"));
            return;
        }
        Optional<java.util.UUID> ours;
        try {
            ours = message == null ? Optional.empty() : Optional.of(java.util.UUID.fromString(message));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(TwilioCallbacks.MESSAGE_PARAMETER, "not a message of ours");
        }
        DeliveryReports.Outcome outcome = reports.record(report.get(), clock.instant(), ours);
        // The recipient is masked (Twilio's To field), never logged whole.
        LOG.fine(() -> "Twilio status " + report.get().status() + " for " + report.get().messageSid() + " to "
                + Masking.recipient(form.get("To")) + ": " + outcome);
    }

    /** Deliverability over the last {@code hours} (1 to 168), per email domain and phone country. */
    public DeliverabilityView deliverability(int hours) {
        if (hours < 1 || hours > Deliverability.MAX_HOURS) {
            throw new InvalidInputException("hours", "the window is 1 to " + Deliverability.MAX_HOURS + " hours");
        }
        Deliverability.Report report = deliverability.report(hours);
        List<DeliverabilityView.Row> email = report.email().stream().map(r -> row(r, true)).toList();
        List<DeliverabilityView.Row> sms = report.sms().stream().map(r -> row(r, false)).toList();
        int alerts = (int) (email.stream().filter(DeliverabilityView.Row::alert).count()
                + sms.stream().filter(DeliverabilityView.Row::alert).count());
        return new DeliverabilityView(report.windowHours(), email, sms, alerts);
    }

    /**
     * Of these recipients (phone numbers or addresses, as they were given to {@link
     * NotificationService#send}), those whose newest message of {@code template} failed: dead (refused
     * for good, or given up after its attempts) or reported undelivered by the provider. A message
     * still pending, being retried or sent counts as not failed. At most 1000 recipients at once
     * (else 400 on {@code recipients}).
     */
    public java.util.Set<String> lastFailed(String template, java.util.Collection<String> recipients) {
        if (recipients == null || recipients.size() > DeliveryReports.MAX_RECIPIENTS) {
            throw new InvalidInputException("recipients", "at most " + DeliveryReports.MAX_RECIPIENTS
                    + " recipients at once");
        }
        if (template == null || template.isBlank()) {
            throw new InvalidInputException("template", "say which messages to look at");
        }
        java.util.Map<String, String> byStripped = new java.util.HashMap<>();
        recipients.stream().filter(java.util.Objects::nonNull).forEach(r -> byStripped.put(r.strip(), r));
        return reports.lastFailed(template.strip(), byStripped.keySet()).stream().map(byStripped::get)
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Where the newest message of {@code template} to this recipient (as given to {@link
     * NotificationService#send}) stands: {@code waiting}, {@code sent}, {@code delivered} or
     * {@code failed}; empty when none was sent.
     */
    public Optional<String> lastState(String template, String recipient) {
        if (template == null || template.isBlank() || recipient == null || recipient.isBlank()) {
            return Optional.empty();
        }
        return reports.lastState(template.strip(), recipient.strip());
    }

    private static DeliverabilityView.Row row(Deliverability.Row row, boolean email) {
        Deliverability.Counts c = row.counts();
        return new DeliverabilityView.Row(email ? c.key() : null, email ? null : c.key(), c.handed(), c.refused(),
                c.delivered(), c.undelivered(), c.retrying(), c.failureRate().map(Deliverability::percent).orElse("n/a"),
                row.alert().isPresent(), row.alert().orElse(null));
    }
}
