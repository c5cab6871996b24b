package org.openprimary.voting.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.limits.SharedLimiter;
import org.openprimary.voting.control.AddressBudget;
import org.openprimary.voting.control.VotingSchema;

/**
 * The per client address limits of voting's public endpoints (code request, cast, receipt lookup),
 * shared by every instance through {@code voting.rate_limit} ({@link AddressBudget} says what
 * counts). Generous by default, for the voters behind one shared address (a company, a campus, a
 * mobile operator's NAT); {@code openprimary.limits.voting-codes-per-address-per-hour} and
 * {@code openprimary.limits.voting-refusals-per-address-per-hour} set them. Runs outside the
 * caller's transaction: Bucket4j commits its own.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN) // never in a caller's transaction: Bucket4j commits its own
public class AddressLimits {

    private static final Logger LOG = Logger.getLogger(AddressLimits.class.getName());

    @Resource(lookup = VotingSchema.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "openprimary.limits.voting-codes-per-address-per-hour", defaultValue = "1000")
    int codesPerHour;

    @Inject
    @ConfigProperty(name = "openprimary.limits.voting-refusals-per-address-per-hour", defaultValue = "200")
    int refusalsPerHour;

    private SharedLimiter shared;
    private AddressBudget budget;

    @PostConstruct
    void configure() {
        if (codesPerHour < 1 || refusalsPerHour < 1) {
            throw new IllegalStateException("openprimary.limits.voting-codes-per-address-per-hour and"
                    + " voting-refusals-per-address-per-hour must be at least 1");
        }
        shared = new SharedLimiter(dataSource, "voting.rate_limit");
        budget = new AddressBudget(shared, codesPerHour, refusalsPerHour, clock);
        LOG.info(() -> "Voting limits per address: " + codesPerHour + " codes/h, " + refusalsPerHour
                + " refused casts or lookups/h (shared by every instance)");
    }

    public void codeRequested(String address) {
        budget.codeRequested(address);
    }

    public void attempt(String address) {
        budget.attempt(address);
    }

    public void refused(String address) {
        budget.refused(address);
    }

    /** Forgets the buckets that are full again (every instance may run it: rows are taken SKIP LOCKED). */
    @Schedule(hour = "*", minute = "*/10", persistent = false, info = "openprimary voting limits cleanup")
    void removeExpiredBuckets() {
        try {
            shared.removeExpired();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not clean up the voting limits' buckets", e);
        }
    }
}
