package org.openprimary.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The accounting record of a participation fee paid: the provider's payment id (what a refund
 * needs), the amount, the currency and when — never anything of the card. It outlives the
 * registrant's erasure (the registrant's id is then emptied by the database); a withdrawal before
 * the seal marks its refund as due.
 */
@Entity
@Table(name = "fee_payment", schema = "registration")
@NamedQuery(name = FeePayment.FIND_BY_REGISTRANT,
        query = "SELECT p FROM FeePayment p WHERE p.registrantId = :registrant")
@NamedQuery(name = FeePayment.FIND_REFUNDS_DUE,
        query = "SELECT p FROM FeePayment p WHERE p.electionId = :election AND p.refundDueAt IS NOT NULL"
                + " ORDER BY p.refundDueAt, p.paymentId")
public class FeePayment {

    public static final String FIND_BY_REGISTRANT = "FeePayment.findByRegistrant";
    public static final String FIND_REFUNDS_DUE = "FeePayment.findRefundsDue";

    @Id
    @Column(name = "payment_id", length = 255)
    private String paymentId;

    @Column(name = "election_id", nullable = false, length = 36)
    private String electionId;

    @Column(name = "registrant_id", length = 36)
    private String registrantId;

    @Column(name = "amount_cents", nullable = false)
    private long amountCents;

    @Column(name = "currency", nullable = false, length = 3)
    private String currency;

    @Column(name = "paid_at", nullable = false)
    private Instant paidAt;

    @Column(name = "refund_due_at")
    private Instant refundDueAt;

    protected FeePayment() {
        // for JPA
    }

    public FeePayment(String paymentId, UUID electionId, UUID registrantId, long amountCents, String currency,
            Instant paidAt) {
        this.paymentId = paymentId;
        this.electionId = electionId.toString();
        this.registrantId = registrantId.toString();
        this.amountCents = amountCents;
        this.currency = currency;
        this.paidAt = paidAt;
    }

    /** The registrant withdrew before the seal: what they paid is to be given back. */
    public void refundDue(Instant at) {
        if (refundDueAt == null) {
            refundDueAt = at;
        }
    }

    public String paymentId() {
        return paymentId;
    }

    public long amountCents() {
        return amountCents;
    }

    public String currency() {
        return currency;
    }

    public Instant paidAt() {
        return paidAt;
    }

    public Optional<Instant> refundDueAt() {
        return Optional.ofNullable(refundDueAt);
    }
}
