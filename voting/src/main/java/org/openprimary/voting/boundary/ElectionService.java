package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.boundary.RegistrationService;
import org.openprimary.registration.boundary.RegistrationTerms;
import org.openprimary.registration.boundary.RollCommitment;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;
import org.openprimary.voting.entity.ElectionState;
import org.openprimary.voting.entity.GradeScale;
import org.openprimary.voting.entity.RegistrationRules;

/**
 * The voting module's facade for elections: organizers draft them and move them through their
 * lifecycle; anyone lists the public ones.
 */
@Stateless
public class ElectionService {

    private static final Logger LOG = Logger.getLogger(ElectionService.class.getName());

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    RegistrationService registration;

    /** Creates a draft election after checking every field of the request. */
    public ElectionView draft(DraftElection request, String organizer) {
        if (request == null) {
            throw new InvalidInputException("body", "send the election as a JSON object");
        }
        Election election = Election.draft(request.title(), request.candidates(),
                GradeScale.ofOrDefault(request.grades()),
                RegistrationRules.of(request.requiredFactors(), request.allowedCountries(), request.rollMode()),
                clock);
        em.persist(election);
        LOG.info(() -> "Election " + election.id() + " drafted by " + organizer);
        return ElectionView.of(election);
    }

    public ElectionView find(String id) {
        return ElectionView.of(load(ElectionId.parse(id)));
    }

    /** What is missing before the election's registration can open. */
    public List<String> missingBeforeRegistration(String id) {
        return load(ElectionId.parse(id)).missingBeforeRegistration();
    }

    /**
     * {@code DRAFT -> REGISTRATION}, and hands the registration module what it needs, in one
     * transaction: either both happen or neither.
     */
    public ElectionView openRegistration(String id, String organizer) {
        ElectionId electionId = ElectionId.parse(id);
        Election election = em.find(Election.class, electionId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (election == null) {
            throw notFound(electionId.toString());
        }
        election.openRegistration(clock);
        RegistrationRules rules = election.registrationRules();
        registration.openRegistration(new RegistrationTerms(electionId.value(), election.title(),
                election.registrationOpenedAt().orElseThrow(), rules.requiredFactors(),
                rules.allowedCountries(), rules.rollMode()));
        LOG.info(() -> "Registration of election " + electionId + " opened by " + organizer);
        return ElectionView.of(election);
    }

    /** Sets when voting opens and closes (ISO-8601 with offset, e.g. {@code 2027-01-14T08:00:00+01:00}). */
    public ElectionView schedule(String id, String votingOpensAt, String votingClosesAt) {
        Election election = locked(ElectionId.parse(id));
        election.schedule(instant(votingOpensAt, "votingOpensAt"), instant(votingClosesAt, "votingClosesAt"), clock);
        return ElectionView.of(election);
    }

    /** What is missing before the seal can be proposed. */
    public List<String> missingBeforeSeal(String id) {
        return load(ElectionId.parse(id)).missingBeforeSeal(clock);
    }

    /**
     * An organizer proposes the seal: registration closes (the roll freezes) and the seal document
     * and fingerprint are fixed, in one transaction with the registration module. A bailiff must
     * then confirm it.
     */
    public SealView proposeSeal(String id, String organizer) {
        Election election = locked(ElectionId.parse(id));
        java.util.List<String> missing = election.missingBeforeSeal(clock);
        if (!missing.isEmpty()) {
            throw new org.openprimary.common.ConflictException("state",
                    "the seal cannot be proposed: " + String.join("; ", missing));
        }
        RollCommitment roll = registration.closeRegistration(election.id().value(), clock.instant());
        election.proposeSeal(organizer, roll.rollSize(), roll.ledgerEntries(), roll.ledgerHead(), roll.closedAt(),
                softwareVersion(), clock);
        LOG.info(() -> "Seal of election " + id + " proposed by " + organizer + ": " + election.sealFingerprint().orElse(""));
        return SealView.of(election);
    }

    /** A bailiff confirms the proposed seal with its fingerprint: the election is sealed. */
    public SealView confirmSeal(String id, String bailiff, String fingerprint) {
        Election election = locked(ElectionId.parse(id));
        election.confirmSeal(bailiff, fingerprint, clock);
        LOG.info(() -> "Election " + id + " sealed; confirmed by bailiff " + bailiff);
        return SealView.of(election);
    }

    /** The seal as the console sees it, proposed or confirmed. */
    public SealView seal(String id) {
        return SealView.of(load(ElectionId.parse(id)));
    }

    /** The published seal: only once a bailiff confirmed it. */
    public SealView publishedSeal(String id) {
        Election election = load(ElectionId.parse(id));
        if (election.sealedAt().isEmpty()) {
            throw new NotFoundException("id", "this election is not sealed yet");
        }
        return SealView.of(election).withoutAccounts();
    }

    /** The version of the software the seal covers: the voting module's build. */
    static String softwareVersion() {
        String version = ElectionService.class.getPackage().getImplementationVersion();
        return version == null ? "unversioned build" : "openprimary " + version;
    }

    private Election locked(ElectionId id) {
        Election election = em.find(Election.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (election == null) {
            throw notFound(id.toString());
        }
        return election;
    }

    private static java.time.Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a date and time with its offset,"
                    + " e.g. 2027-01-14T08:00:00+01:00");
        }
    }

    /** Every election, drafts included: for the admin console. */
    public List<ElectionView> all() {
        return em.createNamedQuery(Election.FIND_ALL, Election.class).getResultList().stream()
                .map(ElectionView::of).toList();
    }

    /**
     * The elections the public may see (every state but {@code DRAFT}), optionally only those in
     * one state.
     */
    public List<ElectionView> published(String state) {
        if (state == null || state.isBlank()) {
            return em.createNamedQuery(Election.FIND_PUBLIC, Election.class)
                    .setParameter("draft", ElectionState.DRAFT)
                    .getResultList().stream().map(ElectionView::of).toList();
        }
        ElectionState wanted = parseState(state);
        if (wanted == ElectionState.DRAFT) {
            throw new InvalidInputException("state", "draft elections are not public");
        }
        return em.createNamedQuery(Election.FIND_BY_STATE, Election.class)
                .setParameter("state", wanted)
                .getResultList().stream().map(ElectionView::of).toList();
    }

    private static ElectionState parseState(String state) {
        try {
            return ElectionState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("state", "'" + state + "' is not a state; use one of "
                    + java.util.Arrays.toString(ElectionState.values()));
        }
    }

    private Election load(ElectionId id) {
        Election election = em.find(Election.class, id.toString());
        if (election == null) {
            throw notFound(id.toString());
        }
        return election;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("id", "no election has the id '" + id + "'");
    }
}
