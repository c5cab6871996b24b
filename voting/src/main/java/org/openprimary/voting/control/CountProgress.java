package org.openprimary.voting.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** How far each count on this instance is: ballots decrypted of the total, or why it stopped. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CountProgress {

    /** One count's progress; {@code status} is RUNNING, DONE or FAILED. */
    public record Status(String status, long decrypted, long total, Instant startedAt, Instant endedAt, String error) {
    }

    private final Map<String, Status> counts = new ConcurrentHashMap<>();

    public void started(String election, Instant at) {
        counts.put(election, new Status("RUNNING", 0, 0, at, null, null));
    }

    public void total(String election, long total) {
        counts.computeIfPresent(election, (e, s) -> new Status(s.status(), 0, total, s.startedAt(), null, null));
    }

    public void decrypted(String election, long decrypted) {
        counts.computeIfPresent(election, (e, s) -> new Status(s.status(), decrypted, s.total(), s.startedAt(), null, null));
    }

    public void done(String election, Instant at) {
        counts.computeIfPresent(election, (e, s) -> new Status("DONE", s.total(), s.total(), s.startedAt(), at, null));
    }

    public void failed(String election, String reason) {
        counts.computeIfPresent(election, (e, s) -> new Status("FAILED", s.decrypted(), s.total(), s.startedAt(),
                null, reason));
    }

    public Optional<Status> of(String election) {
        return Optional.ofNullable(counts.get(election));
    }
}
