package org.openprimary.notifications.control;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deliverability per email domain and per phone country over the last hours, counted in SQL, and
 * the alert when a domain or a country stops accepting our messages (in the 2022 French vote
 * abroad, users of two large webmails received no codes for four days).
 *
 * <p>A message counts in the window by when it came to an outcome: a sent one by {@code sent_at}, a
 * dead one (refused for good, or given up) and one being retried by the due time of its last or
 * next attempt. <b>handed</b>: sent or dead (offered to the provider, which took or refused it);
 * <b>refused</b>: dead; <b>delivered</b> / <b>undelivered</b>: what Twilio's status callbacks said
 * later (undelivered counts {@code failed} too); <b>retrying</b>: refused for now, retried later.
 *
 * <p>Phone countries: the numbers are grouped in SQL by their first five characters ({@code +} and
 * four digits: at most 10,000 groups whatever the number of recipients, a few hundred in practice),
 * and each group is given the region of one of its numbers with libphonenumber, then groups are
 * merged by region. Four digits hold every calling code (1 to 3 digits) and, for the shared codes,
 * the digits that tell the regions apart: {@code +1} and its area code (US, CA, the Caribbean),
 * {@code +7} and 6/7 (Kazakhstan) or the rest (Russia). The approximation: two regions that share a
 * four-digit prefix are counted as one (the Isle of Man's {@code +44 7624} inside {@code +44 76..});
 * a rare case, documented.
 */
@Stateless
public class Deliverability {

    /** The longest window the console may ask for: a week. */
    public static final int MAX_HOURS = 168;
    /** At most this many email domains are listed (the busiest). */
    static final int MAX_DOMAINS = 500;

    /** A message's outcome time and the rows that have one: the expression and predicate of {@code outbox_outcome_idx}. */
    private static final String OUTCOME_AT = "COALESCE(sent_at, next_attempt_at)";
    private static final String HAS_OUTCOME = "(status IN ('SENT', 'DEAD') OR (status = 'PENDING' AND attempts > 0))";

    /** The counts of a group ({@code ?1} the window's start, {@code ?2} the silence window's start). */
    private static final String COUNTS = " count(*) FILTER (WHERE status IN ('SENT', 'DEAD') AND " + OUTCOME_AT
            + " >= ?1) AS handed,"
            + " count(*) FILTER (WHERE status = 'DEAD' AND " + OUTCOME_AT + " >= ?1) AS refused,"
            + " count(*) FILTER (WHERE delivery = 'delivered' AND " + OUTCOME_AT + " >= ?1) AS delivered,"
            + " count(*) FILTER (WHERE delivery IN ('undelivered', 'failed') AND " + OUTCOME_AT + " >= ?1) AS undelivered,"
            + " count(*) FILTER (WHERE status = 'PENDING' AND " + OUTCOME_AT + " >= ?1) AS retrying,"
            + " count(*) FILTER (WHERE " + OUTCOME_AT + " >= ?2) AS recent_tried,"
            + " count(*) FILTER (WHERE status = 'SENT' AND " + OUTCOME_AT + " >= ?2) AS recent_accepted"
            + " FROM notifications.outbox WHERE channel = ?4 AND " + HAS_OUTCOME + " AND " + OUTCOME_AT + " >= ?3";

    /**
     * Email, per domain ({@code ?1} window start, {@code ?2} silence start, {@code ?3} the earlier
     * of both, {@code ?4} 'EMAIL', {@code ?5} the fewest messages a listed domain has, {@code ?6}
     * how many domains at most): domain, then the counts.
     */
    static final String EMAIL = "SELECT split_part(lower(recipient), '@', 2) AS domain," + COUNTS
            + " GROUP BY 1 HAVING count(*) >= ?5 ORDER BY 2 DESC, 1 LIMIT ?6";

    /**
     * SMS, per prefix of five characters ({@code ?1} .. {@code ?4} as for email, {@code ?4} 'SMS'):
     * the prefix, one number of the group (to find its region; it never leaves this class), then the counts.
     */
    static final String SMS = "SELECT left(recipient, 5) AS prefix, min(recipient) AS sample," + COUNTS
            + " GROUP BY 1";

    /** A domain's or a country's counts. */
    public record Counts(String key, long handed, long refused, long delivered, long undelivered, long retrying,
            long recentTried, long recentAccepted) {

        Counts plus(Counts other) {
            return new Counts(key, handed + other.handed, refused + other.refused, delivered + other.delivered,
                    undelivered + other.undelivered, retrying + other.retrying, recentTried + other.recentTried,
                    recentAccepted + other.recentAccepted);
        }

        /** Refused and undelivered, of those handed over. */
        public Optional<Double> failureRate() {
            return handed == 0 ? Optional.empty() : Optional.of((refused + undelivered) / (double) handed);
        }
    }

    /**
     * When a row alerts: at least {@code minMessages} handed over in the window and a failure rate of
     * {@code failureRate} or more; or at least {@code silenceMinMessages} tried in the last
     * {@code silenceHours} hours and not one accepted.
     */
    public record Thresholds(int minMessages, double failureRate, int silenceHours, int silenceMinMessages) {

        public Thresholds {
            if (minMessages < 1 || silenceMinMessages < 1 || silenceHours < 1 || !(failureRate > 0 && failureRate <= 1)) {
                throw new IllegalArgumentException("deliverability thresholds out of range: min-messages and"
                        + " silence-min-messages >= 1, silence-hours >= 1, 0 < failure-rate <= 1");
            }
        }

        /** Why the row alerts, in words; empty when it does not. */
        public Optional<String> why(Counts c, int windowHours) {
            List<String> reasons = new ArrayList<>();
            Optional<Double> rate = c.failureRate();
            if (c.handed() >= minMessages && rate.isPresent() && rate.get() >= failureRate) {
                reasons.add(String.format(Locale.ROOT, "%d of %d messages refused or undelivered in the last %d h"
                        + " (%s; alert from %s with at least %d messages)", c.refused() + c.undelivered(), c.handed(),
                        windowHours, percent(rate.get()), percent(failureRate), minMessages));
            }
            if (c.recentTried() >= silenceMinMessages && c.recentAccepted() == 0) {
                reasons.add(String.format(Locale.ROOT, "%d messages tried in the last %d h, none accepted"
                        + " (alert from %d)", c.recentTried(), silenceHours, silenceMinMessages));
            }
            return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
        }
    }

    /** A listed row: its counts and, when it alerts, why. */
    public record Row(Counts counts, Optional<String> alert) {
    }

    /** The report: email domains and phone countries, alerting rows first, then the busiest. */
    public record Report(int windowHours, List<Row> email, List<Row> sms) {
    }

    public static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    @PersistenceContext(unitName = "notifications")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "openprimary.notifications.deliverability.min-messages", defaultValue = "20")
    int minMessages;

    @Inject
    @ConfigProperty(name = "openprimary.notifications.deliverability.failure-rate", defaultValue = "0.2")
    double failureRate;

    @Inject
    @ConfigProperty(name = "openprimary.notifications.deliverability.silence-hours", defaultValue = "6")
    int silenceHours;

    @Inject
    @ConfigProperty(name = "openprimary.notifications.deliverability.silence-min-messages", defaultValue = "5")
    int silenceMinMessages;

    /** The report over the last {@code hours} (1 to {@link #MAX_HOURS}, checked by the caller). */
    @SuppressWarnings("unchecked")
    public Report report(int hours) {
        Thresholds thresholds = new Thresholds(minMessages, failureRate, silenceHours, silenceMinMessages);
        Instant now = clock.instant();
        Instant windowStart = now.minus(Duration.ofHours(hours));
        Instant silenceStart = now.minus(Duration.ofHours(thresholds.silenceHours()));
        Instant earliest = windowStart.isBefore(silenceStart) ? windowStart : silenceStart;
        List<Object[]> email = em.createNativeQuery(EMAIL)
                .setParameter(1, Timestamp.from(windowStart)).setParameter(2, Timestamp.from(silenceStart))
                .setParameter(3, Timestamp.from(earliest)).setParameter(4, "EMAIL")
                .setParameter(5, Math.min(thresholds.minMessages(), thresholds.silenceMinMessages()))
                .setParameter(6, MAX_DOMAINS)
                .getResultList();
        List<Object[]> sms = em.createNativeQuery(SMS)
                .setParameter(1, Timestamp.from(windowStart)).setParameter(2, Timestamp.from(silenceStart))
                .setParameter(3, Timestamp.from(earliest)).setParameter(4, "SMS")
                .getResultList();
        return report(hours, thresholds, domains(email), countries(sms));
    }

    /** The rows of {@link #EMAIL}, as counts per domain. */
    static List<Counts> domains(List<Object[]> rows) {
        return rows.stream().map(r -> counts((String) r[0], r, 1)).toList();
    }

    /** The rows of {@link #SMS}, merged per region (ISO 3166 code; {@code ZZ} when none is known). */
    static List<Counts> countries(List<Object[]> rows) {
        Map<String, Counts> byRegion = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String region = region((String) r[1]);
            byRegion.merge(region, counts(region, r, 2), Counts::plus);
        }
        return List.copyOf(byRegion.values());
    }

    /** Evaluates the thresholds; alerting rows first, then the busiest, then by name. */
    static Report report(int hours, Thresholds thresholds, List<Counts> email, List<Counts> sms) {
        return new Report(hours, rows(email, thresholds, hours), rows(sms, thresholds, hours));
    }

    private static List<Row> rows(List<Counts> counts, Thresholds thresholds, int hours) {
        return counts.stream().map(c -> new Row(c, thresholds.why(c, hours)))
                .sorted(Comparator.comparing((Row r) -> r.alert().isEmpty())
                        .thenComparing(r -> -(r.counts().handed() + r.counts().retrying()))
                        .thenComparing(r -> r.counts().key()))
                .toList();
    }

    private static Counts counts(String key, Object[] r, int from) {
        return new Counts(key == null || key.isEmpty() ? "?" : key, number(r[from]), number(r[from + 1]),
                number(r[from + 2]), number(r[from + 3]), number(r[from + 4]), number(r[from + 5]),
                number(r[from + 6]));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /**
     * The region of an E.164 number: libphonenumber's, or for a number it does not know as valid,
     * the main region of its calling code; {@code ZZ} when even that is unknown.
     */
    static String region(String e164) {
        if (e164 == null) {
            return "ZZ";
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(e164, null);
            String region = PHONES.getRegionCodeForNumber(number);
            if (region == null || region.equals("ZZ")) {
                region = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
            }
            return region == null ? "ZZ" : region;
        } catch (NumberParseException e) {
            return "ZZ";
        }
    }
}
