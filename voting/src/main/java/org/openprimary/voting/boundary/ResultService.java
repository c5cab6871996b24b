package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.notifications.boundary.CampaignDraft;
import org.openprimary.notifications.boundary.CampaignRecipient;
import org.openprimary.notifications.boundary.Channel;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.registration.boundary.RegistrationService;
import org.openprimary.registration.boundary.RollVoter;
import org.openprimary.tally.control.RecordWriter;
import org.openprimary.voting.control.BallotBox;
import org.openprimary.voting.control.BallotCrypto;
import org.openprimary.voting.control.CountProgress;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;
import org.openprimary.voting.entity.ElectionState;

/**
 * After the close: the count's progress, publication by an organizer (registrants are told), the
 * published result and the public record that lets anyone check it ({@code tally verify}).
 */
@Stateless
public class ResultService {

    private static final Logger LOG = Logger.getLogger(ResultService.class.getName());

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @jakarta.annotation.Resource(lookup = "java:app/jdbc/openprimary")
    DataSource dataSource;

    @Inject
    Clock clock;

    @EJB
    BallotBox box;

    @EJB
    CountProgress progress;

    @EJB
    RegistrationService registration;

    @EJB
    NotificationService notifications;

    @EJB
    org.openprimary.voting.control.Counting counting;

    @EJB
    org.openprimary.tally.boundary.ResultsService results;

    @Inject
    @ConfigProperty(name = "openprimary.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** What keeps voting from opening now. */
    public List<String> missingBeforeOpening(String id) {
        return load(id).missingBeforeOpening(clock);
    }

    /**
     * Voters who signed in (asked for a code; every voter who voted did), of them those who did not
     * vote, and the voters marked as having voted: counts only, never who.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AttendanceView attendance(String id) {
        Election election = load(id);
        String electionId = election.id().toString();
        BallotBox.Attendance attendance = box.attendance(electionId);
        return new AttendanceView(electionId, election.state().name(), attendance.signedIn(),
                attendance.signedInWithoutVoting(), box.marks(electionId));
    }

    public CountView count(String id) {
        Election election = load(id);
        return progress.of(election.id().toString())
                .map(s -> new CountView(election.id().toString(), election.state().name(), s.status(), s.decrypted(),
                        s.total(), s.startedAt(), s.endedAt(), s.error()))
                .orElse(new CountView(election.id().toString(), election.state().name(),
                        election.countedAt().isPresent() ? "DONE" : "NOT_STARTED", 0, 0, null,
                        election.countedAt().orElse(null), null));
    }

    /**
     * {@code COUNTED -> PUBLISHED}; every voter on the roll is told, through a campaign, except those
     * who asked to withdraw after the seal.
     */
    public ElectionView publish(String id, String organizer) {
        Election election = em.find(Election.class, ElectionId.parse(id).toString(), LockModeType.PESSIMISTIC_WRITE);
        if (election == null) {
            throw notFound(id);
        }
        election.publish(organizer, clock);
        // the registrants' personal data are kept until the retention period after this moment
        registration.resultPublished(election.id().value(), election.publishedAt().orElseThrow());
        addVersion(election.id().toString(), election.resultJson().orElseThrow(), "first publication", organizer);
        String link = publicUrl.replaceAll("/+$", "") + "/result.html#e=" + election.id();
        // those who asked to withdraw after the seal are not told: they asked for no more messages
        List<RollVoter> voters = registration.rollVotersToTell(election.id().value());
        List<CampaignRecipient> recipients = new ArrayList<>();
        for (RollVoter voter : voters) {
            voter.email().ifPresent(email -> recipients.add(new CampaignRecipient(email, voter.language(),
                    Map.of())));
        }
        if (!recipients.isEmpty()) {
            java.util.UUID campaign = notifications.createCampaign(new CampaignDraft("Result of " + election.title(),
                    Channel.EMAIL, "result.published", Map.of("election", election.title(), "link", link), organizer));
            for (int from = 0; from < recipients.size(); from += 10_000) {
                notifications.addRecipients(campaign, recipients.subList(from, Math.min(recipients.size(), from + 10_000)));
            }
            notifications.startCampaign(campaign);
        }
        LOG.info(() -> "The result of election " + id + " was published by " + organizer);
        return ElectionView.of(election);
    }

    /** The newest version of the published result, as tally wrote it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String publishedResult(String id) {
        List<ResultVersionView> versions = versions(published(id).id().toString());
        return versions.get(versions.size() - 1).result();
    }

    /** The result as the count made it, for the console's preview before the publication; 404 before the count. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String countedResult(String id) {
        return load(id).resultJson().orElseThrow(() -> new NotFoundException("id", "this election is not counted yet"));
    }

    /** Every version of the published result, the first publication first, each with its reason. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ResultVersionView> resultVersions(String id) {
        return versions(published(id).id().toString());
    }

    /**
     * A correction: the result is counted again, by the platform's engine, from the decrypted ballots
     * the count kept (never typed); when it differs from the newest version it becomes a new
     * version with its reason. Nothing is edited: every version stays public.
     */
    public List<ResultVersionView> correct(String id, String reason, String organizer) {
        Election election = em.find(Election.class, ElectionId.parse(id).toString(), LockModeType.PESSIMISTIC_WRITE);
        if (election == null || election.state() != ElectionState.PUBLISHED) {
            throw new ConflictException("state", "only a published result is corrected");
        }
        if (reason == null || reason.strip().length() < 10 || reason.strip().length() > 1000) {
            throw new InvalidInputException("reason", "say why the result is corrected, in 10 to 1000 characters");
        }
        String electionId = election.id().toString();
        int candidates = election.candidateNames().size();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] chunk : counting.countedChunks(electionId)) {
            all.writeBytes(chunk);
        }
        byte[] ballots = all.toByteArray();
        String recount = results.countBallots(electionId, election.scale().names(), candidates,
                election.candidateNames(), ballots).json();
        java.util.Arrays.fill(ballots, (byte) 0);
        List<ResultVersionView> versions = versions(electionId);
        if (recount.equals(versions.get(versions.size() - 1).result())) {
            throw new ConflictException("reason", "counted again from the published ballots, the result is the"
                    + " published one: there is nothing to correct");
        }
        addVersion(electionId, recount, reason.strip(), organizer);
        LOG.warning(() -> "The result of election " + id + " was corrected by " + organizer + ": " + reason.strip());
        return versions(electionId);
    }

    private void addVersion(String election, String result, String reason, String by) {
        em.createNativeQuery("INSERT INTO voting.result_version (election_id, version, result_json, reason, created_by,"
                + " created_at) SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ? FROM voting.result_version"
                + " WHERE election_id = ?")
                .setParameter(1, election).setParameter(2, result).setParameter(3, reason).setParameter(4, by)
                .setParameter(5, java.sql.Timestamp.from(clock.instant())).setParameter(6, election).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<ResultVersionView> versions(String election) {
        List<Object[]> rows = em.createNativeQuery("SELECT version, reason, created_at, result_json"
                + " FROM voting.result_version WHERE election_id = ? ORDER BY version")
                .setParameter(1, election).getResultList();
        return rows.stream().map(r -> new ResultVersionView(((Number) r[0]).intValue(), (String) r[1],
                org.openprimary.voting.control.Digests.instant(r[2]),
                (String) r[3])).toList();
    }

    /** Refuses (404) an election whose result is not published. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void requirePublished(String id) {
        published(id);
    }

    private Election published(String id) {
        Election election = load(id);
        if (election.state() != ElectionState.PUBLISHED) {
            throw new NotFoundException("id", "the result of this election is not published");
        }
        return election;
    }

    /**
     * Streams the public record (tally's {@link RecordWriter}): configuration and seal, the roll's
     * size and credentials commitment, every receipt in box order, the signed checkpoints, the
     * decrypted ballots in the count's random order, and the result.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void writeRecord(String id, OutputStream out) throws IOException {
        Election election = published(id);
        String electionId = election.id().toString();
        BallotBox.Entry last = box.last(electionId).orElse(new BallotBox.Entry(0, null, election.boxGenesis().orElseThrow()));
        List<RecordWriter.Checkpoint> checkpoints = box.checkpoints(electionId).stream()
                .map(c -> new RecordWriter.Checkpoint(c.ballots(), c.head(), c.at(), c.signature())).toList();
        RecordWriter.Header header = new RecordWriter.Header(electionId, election.title(), election.candidateNames(),
                election.scale().names(), election.sealDocument().orElseThrow(), election.sealFingerprint().orElseThrow(),
                election.rollSize().orElse(0L), election.rollCredentials().orElseThrow(),
                election.electionPublicKey().orElseThrow(), BallotCrypto.SCHEME, election.signingPublicKey().orElseThrow(),
                box.marks(electionId));
        int candidates = election.candidateNames().size();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement receipts = connection.prepareStatement(
                        "SELECT receipt FROM voting.box_entry WHERE election_id = ? ORDER BY position");
                PreparedStatement chunks = connection.prepareStatement(
                        "SELECT grades FROM voting.counted_ballot WHERE election_id = ? ORDER BY chunk")) {
            receipts.setFetchSize(10_000);
            receipts.setString(1, electionId);
            chunks.setFetchSize(4);
            chunks.setString(1, electionId);
            try (ResultSet receiptRows = receipts.executeQuery(); ResultSet chunkRows = chunks.executeQuery()) {
                RecordWriter.write(out, header, new ReceiptIterator(receiptRows), last.head(), checkpoints,
                        new BallotIterator(chunkRows, candidates), publishedResult(electionId));
            }
        } catch (SQLException e) {
            throw new IOException("the record could not be read from the database", e);
        }
    }

    private Election load(String id) {
        Election election = em.find(Election.class, ElectionId.parse(id).toString());
        if (election == null) {
            throw notFound(id);
        }
        return election;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("id", "no election has the id '" + id + "'");
    }

    /** Receipts straight from the result set, so 2,000,000 of them never sit in memory. */
    private static final class ReceiptIterator implements Iterator<String> {
        private final ResultSet rows;
        private Boolean ahead;

        ReceiptIterator(ResultSet rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (ahead == null) {
                try {
                    ahead = rows.next();
                } catch (SQLException e) {
                    throw new IllegalStateException("the box could not be read", e);
                }
            }
            return ahead;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ahead = null;
            try {
                return rows.getString(1).strip();
            } catch (SQLException e) {
                throw new IllegalStateException("the box could not be read", e);
            }
        }
    }

    /** Decrypted ballots, chunk by chunk. */
    private static final class BallotIterator implements Iterator<int[]> {
        private final ResultSet rows;
        private final int candidates;
        private byte[] chunk = new byte[0];
        private int offset;

        BallotIterator(ResultSet rows, int candidates) {
            this.rows = rows;
            this.candidates = candidates;
        }

        @Override
        public boolean hasNext() {
            try {
                while (offset >= chunk.length) {
                    if (!rows.next()) {
                        return false;
                    }
                    chunk = rows.getBytes(1);
                    offset = 0;
                }
                return true;
            } catch (SQLException e) {
                throw new IllegalStateException("the counted ballots could not be read", e);
            }
        }

        @Override
        public int[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int[] ballot = new int[candidates];
            for (int c = 0; c < candidates; c++) {
                ballot[c] = chunk[offset + c];
            }
            offset += candidates;
            return ballot;
        }
    }
}
