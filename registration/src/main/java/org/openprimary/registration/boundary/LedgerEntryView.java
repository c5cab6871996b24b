package org.openprimary.registration.boundary;

import java.time.Instant;
import org.openprimary.registration.entity.LedgerEntry;

/**
 * One entry of a roll's ledger, as the outside sees it: the roll's size and the number of
 * registrants after it (the latter 0 in entries of format 1, written before it was kept).
 */
public record LedgerEntryView(long seq, String kind, String detail, Instant recordedAt, long rollSize,
        String prevHash, String hash, long registrants) {

    static LedgerEntryView of(LedgerEntry entry) {
        return new LedgerEntryView(entry.seq(), entry.kind().name(), entry.detail(), entry.recordedAt(),
                entry.rollSize(), entry.prevHash(), entry.hash(), entry.registrants());
    }
}
