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
        registration.openRegistration(new RegistrationTerms(electionId.value(),
                election.registrationOpenedAt().orElseThrow(), rules.requiredFactors(),
                rules.allowedCountries(), rules.rollMode()));
        LOG.info(() -> "Registration of election " + electionId + " opened by " + organizer);
        return ElectionView.of(election);
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
