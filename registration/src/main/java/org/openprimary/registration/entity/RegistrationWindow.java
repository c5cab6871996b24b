package org.openprimary.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openprimary.registration.boundary.CarryOverProgress;
import org.openprimary.registration.boundary.Factor;
import org.openprimary.registration.boundary.RegistrationTerms;
import org.openprimary.registration.boundary.RollMode;

/**
 * An election's registration as the voting module handed it over: when it opened, and when it
 * closed. Registration never asks the voting module; it only knows what it was given.
 */
@Entity
@Table(name = "registration_window", schema = "registration")
public class RegistrationWindow {

    @Id
    @Column(name = "election_id", length = 36)
    private String electionId;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "required_factors", nullable = false, length = 40)
    private String requiredFactors;

    @Column(name = "allowed_countries", nullable = false, length = 400)
    private String allowedCountries;

    @Column(name = "roll_mode", nullable = false, length = 10)
    private String rollMode;

    @Column(name = "election_title", nullable = false, length = 200)
    private String electionTitle;

    @Column(name = "accept_landlines", nullable = false)
    private boolean acceptLandlines;

    @Column(name = "result_at")
    private Instant resultAt;

    @Column(name = "purged_at")
    private Instant purgedAt;

    @Column(name = "carried_from", length = 36)
    private String carriedFrom;

    @Column(name = "carry_total")
    private Long carryTotal;

    @Column(name = "carry_cursor", length = 36)
    private String carryCursor;

    @Column(name = "carried", nullable = false)
    private long carried;

    @Column(name = "not_carried", nullable = false)
    private long notCarried;

    @Column(name = "carry_done_at")
    private Instant carryDoneAt;

    @Column(name = "carry_stalled", length = 300)
    private String carryStalled;

    @Column(name = "fee_cents", nullable = false)
    private long feeCents;

    @Column(name = "fee_currency", nullable = false, length = 3)
    private String feeCurrency = "EUR";

    protected RegistrationWindow() {
        // for JPA
    }

    public RegistrationWindow(RegistrationTerms terms) {
        this.electionId = terms.electionId().toString();
        this.openedAt = terms.openedAt();
        this.requiredFactors = terms.requiredFactors().stream().map(Enum::name).sorted()
                .collect(Collectors.joining(","));
        this.allowedCountries = String.join(",", terms.allowedCountries());
        this.rollMode = terms.rollMode().name();
        this.electionTitle = terms.title();
        this.acceptLandlines = terms.landlines();
        this.feeCents = terms.feeCents();
        this.feeCurrency = terms.feeCurrency();
    }

    /** Whether registrants pay a participation fee to be on the roll. */
    public boolean feeCharged() {
        return feeCents > 0;
    }

    /** The participation fee, in the currency's cents (0: none). */
    public long feeCents() {
        return feeCents;
    }

    /** The fee's ISO 4217 currency, e.g. {@code EUR}. */
    public String feeCurrency() {
        return feeCurrency;
    }

    /**
     * A second round's window: its roll is carried over from the first round's frozen roll, and
     * nobody registers to it.
     */
    public RegistrationWindow carriedFrom(UUID firstRound, long voters) {
        if (voters < 0) {
            throw new IllegalArgumentException("a roll has no fewer than 0 voters");
        }
        this.carriedFrom = firstRound.toString();
        this.carryTotal = voters;
        return this;
    }

    /** The carry-over of a second round's roll, or empty for a first round. */
    public Optional<CarryOverProgress> carryOver() {
        return carriedFrom().map(first -> new CarryOverProgress(first, carryTotal == null ? 0 : carryTotal, carried,
                notCarried, Optional.ofNullable(carryDoneAt), Optional.ofNullable(carryStalled)));
    }

    /** The last first-round registration a batch handled ({@code ""} before the first batch): the next starts after it. */
    public String carryCursor() {
        return carryCursor == null ? "" : carryCursor;
    }

    /**
     * One batch of the carry-over committed: it handled the first round's registrations up to
     * {@code cursor}, carried {@code carriedNow} and left out {@code leftOutNow}; {@code doneAt} when
     * nothing is left.
     */
    public void carriedBatch(String cursor, long carriedNow, long leftOutNow, Instant doneAt) {
        if (carriedFrom == null || carryDoneAt != null) {
            throw new org.openprimary.common.ConflictException("electionId", "this roll is not being carried over");
        }
        if (cursor != null) {
            carryCursor = cursor;
        }
        carried += carriedNow;
        notCarried += leftOutNow;
        carryDoneAt = doneAt;
        carryStalled = null;
    }

    /** Whether registration can close: a second round's only once its carry-over is done. */
    public boolean carryOverDone() {
        return carriedFrom == null || carryDoneAt != null;
    }

    /** The first round whose roll this window's roll is, if it is a second round's. */
    public Optional<UUID> carriedFrom() {
        return Optional.ofNullable(carriedFrom).map(UUID::fromString);
    }

    public String electionTitle() {
        return electionTitle;
    }

    public Set<Factor> requiredFactors() {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        Arrays.stream(requiredFactors.split(",")).map(Factor::valueOf).forEach(factors::add);
        return factors;
    }

    public List<String> allowedCountries() {
        return List.of(allowedCountries.split(","));
    }

    /** Whether a landline is accepted as the phone (its code by voice call only). */
    public boolean acceptsLandlines() {
        return acceptLandlines;
    }

    public RollMode rollMode() {
        return RollMode.valueOf(rollMode);
    }

    public UUID electionId() {
        return UUID.fromString(electionId);
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt);
    }

    /** Closes registration: no one registers, verifies or withdraws any more. */
    public void close(Instant at) {
        if (closedAt != null) {
            throw new org.openprimary.common.ConflictException("electionId", "registration is already closed");
        }
        closedAt = at;
    }

    public boolean isOpen() {
        return closedAt == null;
    }

    /**
     * The voting module published the election's result: the retention period runs from the first
     * publication (a corrected result does not move it).
     */
    public void resultPublished(Instant at) {
        if (closedAt == null) {
            throw new org.openprimary.common.ConflictException("electionId",
                    "registration is still open: no result can be published");
        }
        if (resultAt == null) {
            resultAt = at;
        }
    }

    /** When the result was first published, if it was. */
    public Optional<Instant> resultAt() {
        return Optional.ofNullable(resultAt);
    }

    /** When the registrants' personal data were purged, if they were. */
    public Optional<Instant> purgedAt() {
        return Optional.ofNullable(purgedAt);
    }
}
