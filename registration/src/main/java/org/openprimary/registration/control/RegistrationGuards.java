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

    /** Card setups per client address: card testing tries many cards from one place (drill 6). */
    @Inject
    @ConfigProperty(name = "openprimary.limits.card-setups-per-address-per-hour", defaultValue = "60")
    int cardSetupsPerAddressPerHour;

    /** Card setups per registrant: a citizen needs one, two when the first was lost; more is testing cards. */
    @Inject
    @ConfigProperty(name = "openprimary.limits.card-setups-per-registrant-per-hour", defaultValue = "5")
    int cardSetupsPerRegistrantPerHour;

    /** Fee payments started per client address: each lets the page try a card with the provider, as a card setup. */
    @Inject
    @ConfigProperty(name = "openprimary.limits.fee-payments-per-address-per-hour", defaultValue = "60")
    int feePaymentsPerAddressPerHour;

    /** Fee payments started per registrant: one is enough, a few when a card is declined. */
    @Inject
    @ConfigProperty(name = "openprimary.limits.fee-payments-per-registrant-per-hour", defaultValue = "5")
    int feePaymentsPerRegistrantPerHour;

    @Resource(lookup = RegistrationSchema.DATA_SOURCE)
    DataSource dataSource;

    private SharedLimiter shared;
    private AbuseLimits limits;
    private SharedLimiter.Limit cardsPerAddress;
    private SharedLimiter.Limit cardsPerRegistrant;
    private SharedLimiter.Limit feesPerAddress;
    private SharedLimiter.Limit feesPerRegistrant;
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
        cardsPerAddress = new SharedLimiter.Limit("registration-card-address",
                positive(cardSetupsPerAddressPerHour, "card-setups-per-address-per-hour"), Duration.ofHours(1));
        cardsPerRegistrant = new SharedLimiter.Limit("registration-card-registrant",
                positive(cardSetupsPerRegistrantPerHour, "card-setups-per-registrant-per-hour"), Duration.ofHours(1));
        feesPerAddress = new SharedLimiter.Limit("registration-fee-address",
                positive(feePaymentsPerAddressPerHour, "fee-payments-per-address-per-hour"), Duration.ofHours(1));
        feesPerRegistrant = new SharedLimiter.Limit("registration-fee-registrant",
                positive(feePaymentsPerRegistrantPerHour, "fee-payments-per-registrant-per-hour"), Duration.ofHours(1));
        disposable = DisposableEmailDomains.shipped();
        LOG.info(() -> "Registration limits: " + perAddressPerHour + "/h per address, " + perPhoneBlockPerHour
                + "/h per phone block, " + perEmailDomainPerMinute + "/min per email domain; card setups "
                + cardSetupsPerAddressPerHour + "/h per address, " + cardSetupsPerRegistrantPerHour + "/h per registrant;"
                + " fee payments " + feePaymentsPerAddressPerHour + "/h per address, " + feePaymentsPerRegistrantPerHour
                + "/h per registrant; "
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

    /**
     * Counts one card setup (each lets the page try a card with the provider) against the client
     * address's and the registrant's budgets, so that nobody tests stolen cards through the
     * registration: 429 on {@code address} or on {@code card}, with when to retry.
     *
     * @param clientAddress the client's address, or {@code null} when unknown
     */
    public void checkCardSetup(String clientAddress, String registrantId) {
        checkCardSetupFromAddress(clientAddress);
        shared.take(cardsPerRegistrant, registrantId, "card",
                "too many card checks for this registration; try again later");
    }

    /**
     * Counts one card setup against the client address's budget only: for the setup started with a
     * registration, whose registrant's budget is whole by definition.
     *
     * @param clientAddress the client's address, or {@code null} when unknown (nothing is counted)
     */
    public void checkCardSetupFromAddress(String clientAddress) {
        if (clientAddress != null) {
            shared.take(cardsPerAddress, clientAddress, "address",
                    "too many card checks from this network; try again later");
        }
    }

    /**
     * Counts one fee payment started (each lets the page try a card with the provider, like a card
     * setup, so the same card-testing budgets apply): 429 on {@code address} or on {@code fee}, with
     * when to retry.
     *
     * @param clientAddress the client's address, or {@code null} when unknown
     */
    public void checkFeePayment(String clientAddress, String registrantId) {
        if (clientAddress != null) {
            shared.take(feesPerAddress, clientAddress, "address",
                    "too many payments from this network; try again later");
        }
        shared.take(feesPerRegistrant, registrantId, "fee",
                "too many payments for this registration; try again later");
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
