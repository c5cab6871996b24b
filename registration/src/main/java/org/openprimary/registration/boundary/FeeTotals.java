package org.openprimary.registration.boundary;

/**
 * An election's participation fees, read from its roll's ledger: {@code paid} is the number of
 * {@code FEE_PAID} entries, {@code refundsDue} of {@code FEE_REFUND_DUE} entries (registrants who
 * paid and withdrew before the seal), and {@code collectedCents} what is kept: the fee times the
 * payments not to be refunded. Every payment was checked at the provider to be exactly the
 * election's fee, which cannot change once registration opens.
 */
public record FeeTotals(String electionId, long feeCents, String currency, long paid, long refundsDue,
        long collectedCents) {
}
