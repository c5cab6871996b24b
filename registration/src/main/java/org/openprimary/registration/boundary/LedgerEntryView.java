package org.openprimary.registration.boundary;

import java.time.Instant;
import org.openprimary.registration.entity.LedgerEntry;

/** One entry of a roll's ledger, as the outside sees it. */
public record LedgerEntryView(long seq, String kind, String detail, Instant recordedAt, long rollSize,
        String prevHash, String hash) {

    static LedgerEntryView of(LedgerEntry entry) {
        return new LedgerEntryView(entry.seq(), entry.kind().name(), entry.detail(), entry.recordedAt(),
                entry.rollSize(), entry.prevHash(), entry.hash());
    }
}
