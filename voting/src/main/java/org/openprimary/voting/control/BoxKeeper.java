package org.openprimary.voting.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.notifications.boundary.CampaignDraft;
import org.openprimary.notifications.boundary.CampaignRecipient;
import org.openprimary.notifications.boundary.Channel;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.registration.boundary.RegistrationService;
import org.openprimary.registration.boundary.RollVoter;
import org.openprimary.tally.control.BoxChain;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionState;

/**
 * What the clock does to elections, each step in a transaction of its own: opens voting when it is
 * due (sending every voter their link), chains the box's intake and signs a checkpoint, and closes
 * voting when it is due (a last checkpoint covering every ballot).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BoxKeeper {

    private static final Logger LOG = Logger.getLogger(BoxKeeper.class.getName());
    private static final DateTimeFormatter PARIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Europe/Paris"));

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    BallotBox box;

    @EJB
    CheckpointSigner signer;

    @EJB
    Sealers sealers;

    @EJB
    VotingTerms terms;

    @EJB
    RegistrationService registration;

    @EJB
    NotificationService notifications;

    @Inject
    @ConfigProperty(name = "openprimary.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** The elections the clock may have to act on. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> active() {
        return em.createQuery("SELECT e.id FROM Election e WHERE e.state IN :states", String.class)
                .setParameter("states", List.of(ElectionState.SEALED, ElectionState.VOTING))
                .getResultList();
    }

    /** Opens voting if it is due and everything is ready; sends the links. */
    public boolean openIfDue(String electionId) {
        Election election = em.find(Election.class, electionId, LockModeType.PESSIMISTIC_WRITE);
        if (election == null || election.state() != ElectionState.SEALED
                || !election.missingBeforeOpening(clock).isEmpty()) {
            return false;
        }
        byte[] linkKey = election.openVoting(signer.publicKey(), clock);
        try {
            sendLinks(election, linkKey);
        } finally {
            Arrays.fill(linkKey, (byte) 0);
        }
        sign(election, new BallotBox.Entry(0, null, election.boxGenesis().orElseThrow()));
        LOG.info(() -> "Voting in election " + electionId + " is open");
        return true;
    }

    /** Chains what the intake holds and signs a checkpoint when the box grew. */
    public Optional<BallotBox.Checkpoint> checkpoint(String electionId) {
        return checkpoint(electionId, java.time.Duration.ZERO);
    }

    /**
     * Chains and signs as {@link #checkpoint(String)}, unless the last checkpoint is younger than
     * {@code minInterval}: every instance's clock ticks, and the election's row lock makes the
     * instances take turns, so a period gets one checkpoint however many instances there are.
     */
    public Optional<BallotBox.Checkpoint> checkpoint(String electionId, java.time.Duration minInterval) {
        Election election = minInterval.isZero() ? em.find(Election.class, electionId)
                : em.find(Election.class, electionId, LockModeType.PESSIMISTIC_WRITE);
        if (election == null || election.state() != ElectionState.VOTING) {
            return Optional.empty();
        }
        if (!minInterval.isZero()) {
            List<BallotBox.Checkpoint> made = box.checkpoints(electionId);
            if (!made.isEmpty() && made.get(made.size() - 1).at().plus(minInterval).isAfter(clock.instant())) {
                return Optional.empty(); // another instance made this period's checkpoint
            }
        }
        return sign(election, box.chain(electionId, election.boxGenesis().orElseThrow()));
    }

    /** Closes voting if the time has come: a last chaining and a checkpoint covering every ballot. */
    public boolean closeIfDue(String electionId) {
        Election election = em.find(Election.class, electionId, LockModeType.PESSIMISTIC_WRITE);
        if (election == null || election.state() != ElectionState.VOTING
                || clock.instant().isBefore(election.votingClosesAt().orElseThrow())) {
            return false;
        }
        election.closeVoting(clock);
        sign(election, box.chain(electionId, election.boxGenesis().orElseThrow()));
        sealers.forget(electionId);
        terms.forget(electionId);
        LOG.info(() -> "Voting in election " + electionId + " is closed");
        return true;
    }

    private Optional<BallotBox.Checkpoint> sign(Election election, BallotBox.Entry head) {
        String id = election.id().toString();
        List<BallotBox.Checkpoint> made = box.checkpoints(id);
        if (!made.isEmpty() && made.get(made.size() - 1).ballots() == head.position()) {
            return Optional.empty();
        }
        java.time.Instant at = clock.instant();
        String signature = signer.sign(BoxChain.checkpointText(id, head.position(), head.head(), at));
        BallotBox.Checkpoint checkpoint = new BallotBox.Checkpoint(head.position(), head.head(), at, signature);
        return box.checkpoint(id, checkpoint) ? Optional.of(checkpoint) : Optional.empty();
    }

    /**
     * Every voter's link, by email and by SMS, through two campaigns of the notifications module:
     * recipients queued by batches of 10,000 in this transaction (a national roll in seconds), sent
     * at the providers' pace. Voting links are essential messages: an unsubscribed address still
     * gets its link.
     */
    private void sendLinks(Election election, byte[] linkKey) {
        String id = election.id().toString();
        Map<UUID, RollVoter> contacts = registration.rollVoters(election.id().value()).stream()
                .collect(Collectors.toMap(RollVoter::registrantId, Function.identity()));
        String closes = PARIS.format(election.votingClosesAt().orElseThrow()) + " (Paris)";
        Map<String, String> common = Map.of("election", election.title(), "closes", closes);
        UUID byEmail = notifications.createCampaign(new CampaignDraft("Voting links (email): " + election.title(),
                Channel.EMAIL, "voting.opened", common, "voting clock"));
        UUID bySms = notifications.createCampaign(new CampaignDraft("Voting links (SMS): " + election.title(),
                Channel.SMS, "voting.opened", common, "voting clock"));
        List<CampaignRecipient> emails = new ArrayList<>();
        List<CampaignRecipient> phones = new ArrayList<>();
        for (UUID[] voter : box.voters(id)) {
            RollVoter contact = contacts.get(voter[1]);
            if (contact == null) {
                continue;
            }
            String link = publicUrl.replaceAll("/+$", "") + "/vote.html#e=" + id + "&c="
                    + Credentials.credential(linkKey, voter[0]);
            Map<String, String> parameters = Map.of("firstName", contact.firstName(), "link", link);
            contact.email().ifPresent(email -> emails.add(new CampaignRecipient(email, contact.language(), parameters)));
            contact.phone().ifPresent(phone -> phones.add(new CampaignRecipient(phone, contact.language(), parameters)));
            flush(byEmail, emails, false);
            flush(bySms, phones, false);
        }
        flush(byEmail, emails, true);
        flush(bySms, phones, true);
        notifications.startCampaign(byEmail);
        notifications.startCampaign(bySms);
    }

    private void flush(UUID campaign, List<CampaignRecipient> batch, boolean last) {
        if (batch.size() >= LINK_BATCH || last && !batch.isEmpty()) {
            notifications.addRecipients(campaign, List.copyOf(batch));
            batch.clear();
        }
    }

    static final int LINK_BATCH = 10_000;
}
