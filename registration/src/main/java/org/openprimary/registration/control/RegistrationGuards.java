package org.openprimary.registration.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.limits.SharedLimiter;
import org.openprimary.registration.entity.EmailAddress;
import org.openprimary.registration.entity.PhoneNumber;

/**
 * The abuse checks every registration passes before it touches the database: no throw-away
 * mailbox, and the rate limits from configuration, kept in PostgreSQL
 * ({@code registration.rate_limit}) so that every instance of a cluster spends one budget. The
 * limits run outside the registration's transaction: an attempt that fails still counts.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN) // never in a caller's transaction: Bucket4j commits its own
public class RegistrationGuards {

    private static final Logger LOG = Logger.getLogger(RegistrationGuards.class.getName());

    @Inject
    @ConfigProperty(name = "openprimary.limits.registrations-per-address-per-hour", defaultValue = "30")
    int perAddressPerHour;

    @Inject
    @ConfigProperty(name = "openprimary.limits.registrations-per-phone-block-per-hour", defaultValue = "20")
    int perPhoneBlockPerHour;

    @Inject
    @ConfigProperty(name = "openprimary.limits.registrations-per-email-domain-per-minute", defaultValue = "600")
    int perEmailDomainPerMinute;

    @Resource(lookup = RegistrationSchema.DATA_SOURCE)
    DataSource dataSource;

    private SharedLimiter shared;
    private AbuseLimits limits;
    private DisposableEmailDomains disposable;

    @PostConstruct
    void configure() {
        shared = new SharedLimiter(dataSource, "registration.rate_limit");
        limits = new AbuseLimits(
                new AbuseLimits.Limit("address", positive(perAddressPerHour, "registrations-per-address-per-hour"),
                        Duration.ofHours(1)),
                new AbuseLimits.Limit("phone", positive(perPhoneBlockPerHour, "registrations-per-phone-block-per-hour"),
                        Duration.ofHours(1)),
                new AbuseLimits.Limit("email",
                        positive(perEmailDomainPerMinute, "registrations-per-email-domain-per-minute"),
                        Duration.ofMinutes(1)),
                shared);
        disposable = DisposableEmailDomains.shipped();
        LOG.info(() -> "Registration limits: " + perAddressPerHour + "/h per address, " + perPhoneBlockPerHour
                + "/h per phone block, " + perEmailDomainPerMinute + "/min per email domain; "
                + disposable.size() + " disposable-email domains refused");
    }

    /** @throws InvalidInputException for a throw-away mailbox; TooManyRequestsException past a limit */
    public void check(String clientAddress, PhoneNumber phone, EmailAddress email) {
        if (email != null && disposable.isDisposable(email.normalized())) {
            throw new InvalidInputException("email", "throw-away mailboxes cannot register; use your usual address");
        }
        limits.attempt(clientAddress, phone == null ? null : phone.e164(),
                email == null ? null : email.normalized().substring(email.normalized().lastIndexOf('@') + 1));
    }

    /** Forgets the buckets that are full again (every instance may run it: the rows are taken SKIP LOCKED). */
    @Schedule(hour = "*", minute = "*/10", persistent = false, info = "openprimary registration limits cleanup")
    void removeExpiredBuckets() {
        try {
            int removed = shared.removeExpired();
            if (removed > 0) {
                LOG.fine(() -> "Forgot " + removed + " registration limit buckets that were full again");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not clean up the registration limits' buckets", e);
        }
    }

    private static int positive(int value, String key) {
        if (value < 1) {
            throw new IllegalStateException("openprimary.limits." + key + " must be at least 1, not " + value);
        }
        return value;
    }
}
