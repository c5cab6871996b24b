package org.openprimary.voting.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The trustees' shares brought for a rehearsal or a count, held in this instance's memory only
 * (never in the database) until the threshold is reached, then handed over once and overwritten.
 * A gathering left unfinished is forgotten after two hours; a restart forgets it too (the trustees
 * bring their shares again). In a cluster, trustees' requests must reach the same instance.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KeyCeremonies {

    public enum Purpose { REHEARSAL, COUNT }

    static final Duration LIFETIME = Duration.ofHours(2);

    private final Map<String, Gathering> gatherings = new HashMap<>();

    /** What a gathering holds: its purpose, the positions brought so far, and when it began. */
    public record Progress(Purpose purpose, SortedSet<Integer> positions, Instant startedAt) {
    }

    /**
     * Adds a share; when the threshold is reached, returns every share brought (the gathering is then
     * over and forgotten). A share brought for another purpose starts a new gathering.
     */
    public synchronized Optional<Map<Integer, byte[]>> bring(String election, Purpose purpose, int position,
            byte[] share, int threshold, Instant now) {
        Gathering gathering = gatherings.get(election);
        if (gathering == null || gathering.purpose != purpose || now.isAfter(gathering.startedAt.plus(LIFETIME))) {
            if (gathering != null) {
                gathering.wipe();
            }
            gathering = new Gathering(purpose, now);
            gatherings.put(election, gathering);
        }
        byte[] previous = gathering.shares.put(position, share.clone());
        if (previous != null) {
            Arrays.fill(previous, (byte) 0);
        }
        if (gathering.shares.size() < threshold) {
            return Optional.empty();
        }
        gatherings.remove(election);
        return Optional.of(gathering.shares);
    }

    public synchronized Optional<Progress> progress(String election, Instant now) {
        Gathering gathering = gatherings.get(election);
        if (gathering == null || now.isAfter(gathering.startedAt.plus(LIFETIME))) {
            return Optional.empty();
        }
        return Optional.of(new Progress(gathering.purpose, new TreeSet<>(gathering.shares.keySet()),
                gathering.startedAt));
    }

    /** Forgets (and overwrites) what was brought for an election, e.g. when its key is made anew. */
    public synchronized void forget(String election) {
        Gathering gathering = gatherings.remove(election);
        if (gathering != null) {
            gathering.wipe();
        }
    }

    /** Overwrites a set of shares once used. */
    public static void wipe(Map<Integer, byte[]> shares) {
        shares.values().forEach(s -> Arrays.fill(s, (byte) 0));
        shares.clear();
    }

    private static final class Gathering {
        final Purpose purpose;
        final Instant startedAt;
        final Map<Integer, byte[]> shares = new HashMap<>();

        Gathering(Purpose purpose, Instant startedAt) {
            this.purpose = purpose;
            this.startedAt = startedAt;
        }

        void wipe() {
            KeyCeremonies.wipe(shares);
        }
    }
}
