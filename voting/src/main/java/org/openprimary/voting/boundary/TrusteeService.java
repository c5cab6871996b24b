package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.common.json.Jsonp;
import org.openprimary.voting.control.BallotCrypto;
import org.openprimary.voting.control.Counting;
import org.openprimary.voting.control.KeyCeremonies;
import org.openprimary.voting.control.TrusteeShares;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;
import org.openprimary.voting.entity.ElectionState;
import org.openprimary.voting.entity.Trustee;

/**
 * The trustees' side of the election key: each chooses a passphrase before the seal, downloads
 * their share once after it, and brings it back (with the passphrase) for the rehearsal and for the
 * count. With k shares the key is rebuilt in memory, used, and overwritten.
 */
@Stateless
public class TrusteeService {

    public static final String SHARE_FORMAT = "openprimary-trustee-share/1";
    private static final Logger LOG = Logger.getLogger(TrusteeService.class.getName());

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    KeyCeremonies ceremonies;

    @EJB
    Counting counting;

    /** A trustee chooses (or, before the seal, changes) their passphrase; only its public key is kept. */
    public TrusteeView choosePassphrase(String electionId, String username, String passphrase) {
        Election election = load(electionId);
        if (!election.acceptsPassphrases()) {
            throw new ConflictException("state", "passphrases are chosen before the seal, or before the opening to"
                    + " replace a lost share; the election is " + election.state());
        }
        Trustee trustee = trustee(election, username, true);
        char[] secret = passphrase == null ? null : passphrase.toCharArray();
        try {
            TrusteeShares.Enrolment enrolment = TrusteeShares.enrol(secret);
            trustee.enrol(enrolment.salt(), enrolment.publicKey(), clock);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        LOG.info(() -> "Trustee " + username + " of election " + electionId + " chose a passphrase");
        return TrusteeView.of(trustee);
    }

    /**
     * The trustee's share file (JSON), handed over once: the server forgets the sealed share as it
     * hands it over. Only the trustee's passphrase opens it.
     */
    public String downloadShare(String electionId, String username) {
        Election election = load(electionId);
        Trustee trustee = trustee(election, username, true);
        byte[] sealed = trustee.collectShare(clock);
        LOG.info(() -> "Trustee " + username + " of election " + electionId + " downloaded their share");
        return Jsonp.PROVIDER.createObjectBuilder()
                .add("format", SHARE_FORMAT)
                .add("election", election.id().toString())
                .add("title", election.title())
                .add("trustee", trustee.username())
                .add("position", trustee.position())
                .add("threshold", election.trusteeThreshold().orElseThrow())
                .add("electionPublicKey", election.electionPublicKey().orElseThrow())
                .add("kdf", TrusteeShares.KDF)
                .add("salt", Base64.getEncoder().encodeToString(trustee.salt().orElseThrow()))
                .add("sealedShare", Base64.getEncoder().encodeToString(sealed))
                .add("shareHash", trustee.shareHash().orElseThrow())
                .build().toString();
    }

    /**
     * A trustee brings their share for the rehearsal (between the seal and the opening) or the
     * count (after the close). When the k-th share arrives the key is rebuilt: the rehearsal
     * decrypts the test ballot; the count starts.
     */
    public CeremonyView bringShare(String electionId, String username, String purpose, String shareFile,
            String passphrase) {
        KeyCeremonies.Purpose wanted = purpose(purpose);
        Election election = em.find(Election.class, ElectionId.parse(electionId).toString(),
                LockModeType.PESSIMISTIC_WRITE);
        if (election == null) {
            throw new NotFoundException("id", "no election has the id '" + electionId + "'");
        }
        if (wanted == KeyCeremonies.Purpose.REHEARSAL && election.state() != ElectionState.SEALED) {
            throw new ConflictException("state", "the rehearsal is held between the seal and the opening; the election"
                    + " is " + election.state());
        }
        if (wanted == KeyCeremonies.Purpose.COUNT && election.state() != ElectionState.CLOSED) {
            throw new ConflictException("state", "shares are brought for the count once voting is closed; the"
                    + " election is " + election.state());
        }
        Trustee trustee = trustee(election, username, false);
        TrusteeShares.Share share = open(election, trustee, shareFile, passphrase);
        int threshold = election.trusteeThreshold().orElseThrow();
        Optional<Map<Integer, byte[]>> gathered = ceremonies.bring(election.id().toString(), wanted,
                trustee.position(), share.value(), threshold, clock.instant());
        share.destroy();
        LOG.info(() -> "Trustee " + username + " brought their share for the " + wanted + " of election " + electionId);
        if (gathered.isEmpty()) {
            return progress(election);
        }
        java.util.List<Integer> broughtBy = gathered.get().keySet().stream().sorted().toList();
        byte[] privateKey = TrusteeShares.combine(gathered.get());
        KeyCeremonies.wipe(gathered.get());
        if (!Arrays.equals(BallotCrypto.publicKeyOf(privateKey),
                Base64.getDecoder().decode(election.electionPublicKey().orElseThrow()))) {
            Arrays.fill(privateKey, (byte) 0);
            throw new ConflictException("share", "the shares brought do not rebuild this election's key");
        }
        if (wanted == KeyCeremonies.Purpose.REHEARSAL) {
            try {
                new BallotCrypto.Opener(election.id().toString(), privateKey)
                        .decrypt(election.rehearsalBallot().orElseThrow());
            } catch (BallotCrypto.UndecryptableBallotException e) {
                throw new ConflictException("rehearsal", "the test ballot did not decrypt: " + e.getMessage());
            } finally {
                Arrays.fill(privateKey, (byte) 0);
            }
            election.rehearsalPassed(clock);
            LOG.info(() -> "Decryption rehearsal of election " + electionId + " passed");
            return new CeremonyView(election.id().toString(), wanted.name(), threshold, broughtBy, "REHEARSAL_PASSED");
        }
        java.util.List<Trustee> all = em.createNamedQuery(Trustee.FIND_BY_ELECTION, Trustee.class)
                .setParameter("election", election.id().toString()).getResultList();
        election.countStarted(broughtBy.stream().map(p -> p + ":" + all.stream().filter(t -> t.position() == p)
                .map(Trustee::username).findFirst().orElse("?")).toList(), clock);
        counting.start(election.id().toString(), privateKey);
        return new CeremonyView(election.id().toString(), wanted.name(), threshold, broughtBy, "COUNTING");
    }

    /** Which shares were brought so far, and for what. */
    public CeremonyView progress(String electionId) {
        return progress(load(electionId));
    }

    private CeremonyView progress(Election election) {
        int threshold = election.trusteeThreshold().orElse(0);
        return ceremonies.progress(election.id().toString(), clock.instant())
                .map(p -> new CeremonyView(election.id().toString(), p.purpose().name(), threshold,
                        p.positions().stream().toList(), "GATHERING"))
                .orElse(new CeremonyView(election.id().toString(), null, threshold, java.util.List.of(),
                        election.rehearsalPassedAt().isPresent() ? "REHEARSAL_PASSED" : "NONE"));
    }

    private TrusteeShares.Share open(Election election, Trustee trustee, String shareFile, String passphrase) {
        if (shareFile == null || shareFile.isBlank()) {
            throw new InvalidInputException("share", "attach the share file you downloaded after the seal");
        }
        JsonObject file;
        try {
            file = Jsonp.PROVIDER.createReader(new StringReader(shareFile)).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidInputException("share", "this is not a share file (it is not JSON)");
        }
        if (!SHARE_FORMAT.equals(file.getString("format", null))) {
            throw new InvalidInputException("share", "this is not an OpenPrimary share file (" + SHARE_FORMAT + ")");
        }
        if (!election.id().toString().equals(file.getString("election", null))) {
            throw new InvalidInputException("share", "this share is for another election");
        }
        if (file.getInt("position", -1) != trustee.position()) {
            throw new InvalidInputException("share", "this share is not yours: it belongs to trustee number "
                    + file.getInt("position", -1));
        }
        byte[] sealed;
        byte[] salt;
        try {
            sealed = Base64.getDecoder().decode(file.getString("sealedShare", ""));
            salt = Base64.getDecoder().decode(file.getString("salt", ""));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InvalidInputException("share", "the share file is damaged (sealedShare or salt)");
        }
        char[] secret = passphrase == null ? new char[0] : passphrase.toCharArray();
        try {
            // The file's own salt: a passphrase changed since (to replace another share) does not strand it;
            // the share's hash below proves it is the one issued.
            TrusteeShares.Share share = TrusteeShares.open(sealed, trustee.position(), secret, salt,
                    election.id().toString());
            if (!share.hash().equals(trustee.shareHash().orElse(""))) {
                share.destroy();
                throw new InvalidInputException("share", "this share is not the one issued to you");
            }
            return share;
        } catch (TrusteeShares.WrongPassphraseException e) {
            throw new InvalidInputException("passphrase", "this passphrase does not open this share");
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static KeyCeremonies.Purpose purpose(String purpose) {
        try {
            return KeyCeremonies.Purpose.valueOf(purpose == null ? "" : purpose.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("purpose", "the purpose is 'rehearsal' or 'count'");
        }
    }

    private Trustee trustee(Election election, String username, boolean lock) {
        return em.createNamedQuery(Trustee.FIND_BY_ELECTION, Trustee.class)
                .setParameter("election", election.id().toString())
                .setLockMode(lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
                .getResultStream().filter(t -> t.username().equals(username)).findFirst()
                .orElseThrow(() -> new ConflictException("trustee", "you are not a trustee of this election"));
    }

    private Election load(String id) {
        Election election = em.find(Election.class, ElectionId.parse(id).toString());
        if (election == null) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
        return election;
    }
}
