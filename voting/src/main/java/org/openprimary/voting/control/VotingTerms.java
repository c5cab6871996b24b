package org.openprimary.voting.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a cast needs of an election while it is voting — title, candidates, grades, public key,
 * closing time, how codes go — kept in this instance's memory: all of it is frozen by the seal, and
 * the only change left (the close) happens at {@code closesAt}, which every cast checks against the
 * server's clock. Saves reading the election, its candidates and its grades on every ballot.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class VotingTerms {

    /** An election's frozen voting terms. */
    public record Terms(String election, String title, List<String> candidates, List<String> grades,
            String publicKey, Instant closesAt, boolean codeByEmail) {

        public Terms {
            candidates = List.copyOf(candidates);
            grades = List.copyOf(grades);
        }

        /** Whether a ballot is still on time at {@code now}. */
        public boolean open(Instant now) {
            return now.isBefore(closesAt);
        }
    }

    private final Map<String, Terms> terms = new ConcurrentHashMap<>();

    public Optional<Terms> of(String election) {
        return Optional.ofNullable(terms.get(election));
    }

    /** Keeps the terms of an election that is voting (the caller checked it is). */
    public void keep(Terms voting) {
        terms.put(voting.election(), voting);
    }

    public void forget(String election) {
        terms.remove(election);
    }
}
