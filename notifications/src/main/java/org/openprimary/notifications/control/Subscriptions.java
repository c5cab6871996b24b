package org.openprimary.notifications.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who asked for no more messages that are not essential ({@code notifications.subscription}): one
 * random token per address for its unsubscribe link, and the moment it was used. Codes, voting
 * links and receipts are essential and ignore it. Runs in the caller's transaction.
 */
@Stateless
public class Subscriptions {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "notifications")
    EntityManager em;

    @Inject
    Clock clock;

    /** A subscription as its token's page shows it. */
    public record Entry(String channel, String address, boolean unsubscribed) {
    }

    /** The form under which an address is compared: an email address in lower case. */
    public static String normalize(String channel, String recipient) {
        String stripped = recipient.strip();
        return channel.equals("EMAIL") ? stripped.toLowerCase(Locale.ROOT) : stripped;
    }

    /** The address's unsubscribe token, made on first use. */
    public String token(String channel, String recipient) {
        String address = normalize(channel, recipient);
        em.createNativeQuery("INSERT INTO notifications.subscription (channel, address, token, created_at)"
                        + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (channel, address) DO NOTHING")
                .setParameter(1, channel).setParameter(2, address).setParameter(3, newToken())
                .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
        return (String) em.createNativeQuery("SELECT token FROM notifications.subscription"
                        + " WHERE channel = ?1 AND address = ?2")
                .setParameter(1, channel).setParameter(2, address).getSingleResult();
    }

    /** Whether the address asked for no more messages that are not essential. */
    public boolean unsubscribed(String channel, String recipient) {
        return !em.createNativeQuery("SELECT 1 FROM notifications.subscription"
                        + " WHERE channel = ?1 AND address = ?2 AND unsubscribed_at IS NOT NULL")
                .setParameter(1, channel).setParameter(2, normalize(channel, recipient)).getResultList().isEmpty();
    }

    /** The subscription a token belongs to. */
    @SuppressWarnings("unchecked")
    public Optional<Entry> byToken(String token) {
        if (token == null || token.isBlank() || token.length() > 64) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createNativeQuery("SELECT channel, address, unsubscribed_at IS NOT NULL"
                        + " FROM notifications.subscription WHERE token = ?1")
                .setParameter(1, token).getResultList();
        return rows.stream().findFirst().map(r -> new Entry((String) r[0], (String) r[1], (Boolean) r[2]));
    }

    /** Records the wish; the first time counts, the next ones change nothing. */
    public boolean unsubscribeByToken(String token) {
        return em.createNativeQuery("UPDATE notifications.subscription SET unsubscribed_at = ?1"
                        + " WHERE token = ?2 AND unsubscribed_at IS NULL")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, token).executeUpdate() > 0;
    }

    /** Records that an address opted out through the provider (an SMS "STOP"). */
    public void optedOut(String channel, String recipient) {
        em.createNativeQuery("INSERT INTO notifications.subscription (channel, address, token, created_at,"
                        + " unsubscribed_at) VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (channel, address)"
                        + " DO UPDATE SET unsubscribed_at = COALESCE(subscription.unsubscribed_at, EXCLUDED.unsubscribed_at)")
                .setParameter(1, channel).setParameter(2, normalize(channel, recipient)).setParameter(3, newToken())
                .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
