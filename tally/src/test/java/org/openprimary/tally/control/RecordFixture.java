package org.openprimary.tally.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.openprimary.tally.entity.GradeScale;

/**
 * A real record, made the way the platform makes one: a seal document in the sealing format with
 * its fingerprint, receipts that are SHA-256 hashes of random "encrypted ballots", the chain over
 * them, checkpoints signed with a fresh Ed25519 key, random ballots counted and ranked by the
 * engine into the published result. Every part is a mutable field, so a test tampers with one and
 * writes the record again with {@link #bytes()}; {@link #reseal} and {@link #rechain} redo the
 * dependent parts the way a box that really ran on them would have. Public for the command's tests.
 */
public final class RecordFixture {

    static final String ELECTION = "0b7e6f1c-2a9d-4c1e-9f3b-5d8a7c6e4b21";
    /** An equals sign and a backslash, so the seal's escaping is exercised on the good path. */
    static final String TITLE = "Primaire citoyenne 2027 = jugement majoritaire";
    static final List<String> CANDIDATES = List.of("Camille", "Dominique \\ D.", "Alix");
    static final List<String> GRADES = GradeScale.DEFAULT.names();
    static final Instant OPENS = Instant.parse("2027-01-14T07:00:00Z");
    static final long ROLL_SIZE = 150;

    final KeyPair box;
    String title = TITLE;
    List<String> candidates = new ArrayList<>(CANDIDATES);
    String sealDocument;
    String fingerprint;
    long rollSize = ROLL_SIZE;
    String rollCredentials = sha256("the voters' credential hashes");
    String electionPublicKey;
    String encryption = "ElGamal over Ristretto255, exponential";
    String signingKey;
    long voters;
    List<String> receipts = new ArrayList<>();
    String head;
    List<RecordWriter.Checkpoint> checkpoints = new ArrayList<>();
    List<int[]> ballots = new ArrayList<>();
    String resultJson;

    /**
     * @param ballots how many voted
     * @param checkpointsAt after how many ballots the box made a checkpoint (the last should be all of them)
     */
    RecordFixture(long seed, int ballots, long... checkpointsAt) {
        Random random = new Random(seed);
        try {
            box = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        signingKey = Base64.getEncoder().encodeToString(box.getPublic().getEncoded());
        byte[] electionKey = new byte[32];
        random.nextBytes(electionKey);
        electionPublicKey = Base64.getEncoder().encodeToString(electionKey);
        for (int b = 0; b < ballots; b++) {
            byte[] encrypted = new byte[96];
            random.nextBytes(encrypted);
            receipts.add(BoxChain.receipt(encrypted));
            int[] ballot = new int[CANDIDATES.size()];
            for (int c = 0; c < ballot.length; c++) {
                ballot[c] = random.nextInt(GRADES.size());
            }
            this.ballots.add(ballot);
        }
        voters = ballots;
        sealDocument = seal("openprimary-seal-2", true);
        fingerprint = sha256(sealDocument);
        for (int i = 0; i < checkpointsAt.length; i++) {
            checkpoints.add(null);
        }
        rechain();
        for (int i = 0; i < checkpointsAt.length; i++) {
            checkpoints.set(i, checkpoint(checkpointsAt[i], OPENS.plusSeconds(3600L * (i + 1))));
        }
        BallotCounter counter = new BallotCounter(CANDIDATES.size(), GRADES.size());
        this.ballots.forEach(counter::add);
        resultJson = ResultJson.write(Tally.rank(ELECTION, GradeScale.DEFAULT, CANDIDATES, counter.profiles()));
    }

    /** The default record: 120 ballots, checkpoints after 40, 80 and 120. */
    public static RecordFixture standard() {
        return new RecordFixture(2027, 120, 40, 80, 120);
    }

    /** A seal document in the sealing format (docs/sealing.md), with or without the roll's credentials line. */
    String seal(String format, boolean withCredentials) {
        List<String> lines = new ArrayList<>();
        lines.add("format=" + format);
        lines.add("election=" + ELECTION);
        lines.add("title=" + escape(title));
        lines.add("candidates=" + candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            lines.add("candidate." + i + "=" + escape(candidates.get(i)));
        }
        lines.add("grades=" + GRADES.size());
        for (int i = 0; i < GRADES.size(); i++) {
            lines.add("grade." + i + "=" + escape(GRADES.get(i)));
        }
        lines.add("registration.factors=EMAIL,PHONE");
        lines.add("registration.countries=FR");
        lines.add("registration.roll-mode=OPEN");
        lines.add("registration.landline=accepted-voice-code");
        lines.add("registration.fee=100 EUR");
        lines.add("voting.opens=" + OPENS);
        lines.add("voting.closes=" + OPENS.plusSeconds(3 * 86400L));
        lines.add("roll.size=" + rollSize);
        if (withCredentials) {
            lines.add("roll.credentials=" + rollCredentials);
        }
        lines.add("roll.ledger.entries=412");
        lines.add("roll.ledger.head=" + sha256("the roll's ledger"));
        lines.add("software.version=0.1.0-SNAPSHOT");
        return String.join("\n", lines) + "\n";
    }

    /** The seal's escaping, written here independently of the verifier's reading of it. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("=", "\\=");
    }

    /** A box that ran on this seal document: its fingerprint, the chain from the new genesis, checkpoints re-signed. */
    void reseal(String document) {
        sealDocument = document;
        fingerprint = sha256(document);
        rechain();
        resign();
    }

    /** The head recomputed from the receipts as they now are. */
    void rechain() {
        head = headAfter(receipts.size());
    }

    /** Every checkpoint made again over the receipts as they now are, at its time, signed by the box. */
    void resign() {
        checkpoints.replaceAll(c -> checkpoint(c.ballots(), c.at()));
    }

    /** The chain's head after the first {@code ballots} receipts as they now are. */
    String headAfter(long ballots) {
        String running = BoxChain.genesis(ELECTION, fingerprint, electionPublicKey);
        for (int p = 1; p <= ballots; p++) {
            running = BoxChain.next(running, p, receipts.get(p - 1));
        }
        return running;
    }

    /** A checkpoint over the current receipts, signed by the box. */
    RecordWriter.Checkpoint checkpoint(long ballots, Instant at) {
        return signed(ballots, headAfter(ballots), at);
    }

    /** A checkpoint saying whatever head it is given, signed by the box. */
    RecordWriter.Checkpoint signed(long ballots, String head, Instant at) {
        return new RecordWriter.Checkpoint(ballots, head, at,
                BoxChain.sign(BoxChain.checkpointText(ELECTION, ballots, head, at), box.getPrivate()));
    }

    RecordWriter.Header header() {
        return new RecordWriter.Header(ELECTION, title, candidates, GRADES, sealDocument, fingerprint, rollSize,
                rollCredentials, electionPublicKey, encryption, signingKey, voters);
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RecordWriter.write(out, header(), receipts.iterator(), head, checkpoints, ballots.iterator(), resultJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    RecordReport verify() {
        return verify(bytes());
    }

    static RecordReport verify(byte[] record) {
        try {
            return RecordVerifier.verify(new ByteArrayInputStream(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordReport verify(String record) {
        return verify(record.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
