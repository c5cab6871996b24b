package org.openprimary.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.tally.boundary.ResultView;
import org.openprimary.tally.boundary.ResultsService;
import org.openprimary.tally.control.BoxChain;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.voting.control.BallotBox;
import org.openprimary.voting.control.BallotCrypto;
import org.openprimary.voting.control.BoxAudit;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The count of a closed election, as the server runs it ({@code voting}'s {@code Counting.count}),
 * against a real PostgreSQL holding a real box: its own embedded PostgreSQL (zonky, as the launcher
 * starts it), the voting schema from the module's own migrations, {@code ballots} ballots of
 * {@code candidates} candidates encrypted with the server's {@link BallotCrypto.Sealer} (batches of
 * 256 ballots or 5,000 ms, the server's defaults), chained with {@link BoxChain}, checkpoints every
 * 100,000 ballots signed with an Ed25519 key, and every voter marked. Loading all that (COPY) is
 * setup, not timed.
 *
 * <p>Then, {@code iterations} times, timed phase by phase, the steps of {@code Counting.count}: read
 * the signed checkpoints; {@link BoxAudit#audit} (read the box in order, recompute every receipt and
 * link, check every checkpoint and its signature, decrypt and check every ballot); count the voters'
 * marks; {@code Counting.shuffle} (called as is, by reflection: it is package-private); the tally
 * ({@link ResultsService#countBallots}, as the server calls it); and keeping the shuffled ballots in
 * {@code voting.counted_ballot} in chunks of 10,000 (each iteration for its own copy of the
 * election, since the table is append-only). The first iteration is the cold one, as on election
 * night. The decrypted result is checked against the grades that were encrypted. With the system
 * property {@code bench.jfr.file}, the timed iterations (not the setup) are recorded with JFR.
 */
final class CountBenchmark {

    static final int BATCH_SIZE = 256;
    static final long BATCH_MILLIS = 5000;
    static final int CHECKPOINT_EVERY = 100_000;
    private static final int CHUNK = 10_000;
    private static final HexFormat HEX = HexFormat.of();
    /** PostgreSQL's binary COPY header: signature, flags, header extension length. */
    private static final byte[] COPY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private CountBenchmark() {
    }

    static String run(int ballots, int candidates, int grades, int iterations) throws Exception {
        if (Math.multiplyExact((long) ballots, candidates) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many ballots for one count: " + ballots + " x " + candidates);
        }
        Path work = Files.createTempDirectory("openprimary-bench-count");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.resolve("binaries").toFile())
                .setDataDirectory(work.resolve("data"))
                .start()) {
            return new Run(postgres.getPostgresDatabase(), ballots, candidates, grades, iterations).measure();
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One election's box in one database, and the count measured over it. */
    private static final class Run {

        private final DataSource dataSource;
        private final int ballots;
        private final int candidates;
        private final int grades;
        private final int iterations;
        private final String election = UUID.randomUUID().toString();
        private final BallotCrypto.KeyPair electionKey = BallotCrypto.generateKeyPair();
        private final KeyPair signingKey;
        private final String signingPublicKey;
        private final String genesis;
        private final String fingerprint;
        /** What was encrypted: {@code expected[c][g]} ballots give candidate c grade g. */
        private final long[][] expected;
        private final List<String> keepTargets = new ArrayList<>();

        Run(DataSource dataSource, int ballots, int candidates, int grades, int iterations) throws Exception {
            this.dataSource = dataSource;
            this.ballots = ballots;
            this.candidates = candidates;
            this.grades = grades;
            this.iterations = iterations;
            this.signingKey = KeyPairGenerator.getInstance(BoxChain.SIGNATURE_ALGORITHM).generateKeyPair();
            this.signingPublicKey = Base64.getEncoder().encodeToString(signingKey.getPublic().getEncoded());
            byte[] seal = new byte[32];
            new java.security.SecureRandom().nextBytes(seal);
            this.fingerprint = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(seal));
            this.genesis = BoxChain.genesis(election, fingerprint, electionKey.publicKeyBase64());
            this.expected = new long[candidates][grades];
        }

        String measure() throws Exception {
            long setupStart = System.nanoTime();
            SchemaMigrator.migrate(dataSource, "voting", CountBenchmark.class.getClassLoader());
            try (Connection connection = dataSource.getConnection()) {
                insertElection(connection, election);
                for (int i = 0; i < iterations; i++) {
                    String target = UUID.randomUUID().toString();
                    insertElection(connection, target);
                    keepTargets.add(target);
                }
                double loadBox = loadBox(connection);
                double loadVoters = loadVoters(connection);
                try (Statement vacuum = connection.createStatement()) {
                    // a box filled over days has been vacuumed and analysed by the time it is counted
                    vacuum.execute("VACUUM (ANALYZE) voting.box_entry");
                    vacuum.execute("VACUUM (ANALYZE) voting.voter");
                }
                double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
                Method shuffle = Class.forName("org.openprimary.voting.control.Counting")
                        .getDeclaredMethod("shuffle", byte[].class, int.class);
                shuffle.setAccessible(true);

                List<String> names = IntStream.range(0, candidates).mapToObj(c -> "Candidate " + (c + 1)).toList();
                List<String> scale = GradeScale.ofSize(grades).names();
                StringBuilder runs = new StringBuilder();
                double[] totals = new double[iterations];
                ResultView result = null;
                jdk.jfr.Recording recording = profile();
                for (int i = 0; i < iterations; i++) {
                    Machine.Reading cpuBefore = Machine.read();
                    long t0 = System.nanoTime();
                    Map<Long, BallotBox.Checkpoint> checkpoints = checkpoints(connection);
                    int checkpointCount = checkpoints.size();
                    long t1 = System.nanoTime();
                    byte[] decrypted = BoxAudit.audit(connection, election, genesis, checkpoints, signingPublicKey,
                            electionKey.privateKey().clone(), candidates, grades, ballots, done -> { });
                    long t2 = System.nanoTime();
                    if (!checkpoints.isEmpty()) {
                        throw new IllegalStateException("checkpoints left unmatched: " + checkpoints.keySet());
                    }
                    long marks = marks(connection);
                    if (marks != ballots) {
                        throw new IllegalStateException(marks + " marks for " + ballots + " ballots");
                    }
                    long t3 = System.nanoTime();
                    try {
                        shuffle.invoke(null, decrypted, candidates);
                    } catch (InvocationTargetException e) {
                        throw new IllegalStateException("Counting.shuffle failed", e.getCause());
                    }
                    long t4 = System.nanoTime();
                    result = new ResultsService().countBallots(election, scale, candidates, names, decrypted);
                    long t5 = System.nanoTime();
                    keep(connection, keepTargets.get(i), decrypted);
                    long t6 = System.nanoTime();
                    String cpu = Machine.cpuJson(cpuBefore);
                    check(result);
                    Arrays.fill(decrypted, (byte) 0);
                    totals[i] = (t6 - t0) / 1e6;
                    runs.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                            "{\"checkpointsMillis\": %.1f, \"checkpoints\": %d, \"auditMillis\": %.1f,"
                                    + " \"marksMillis\": %.1f, \"shuffleMillis\": %.1f, \"tallyMillis\": %.1f,"
                                    + " \"keepMillis\": %.1f, \"totalMillis\": %.1f, \"cpu\": %s}",
                            ms(t0, t1), checkpointCount, ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5), ms(t5, t6),
                            ms(t0, t6), cpu));
                }
                if (recording != null) {
                    recording.stop();
                    recording.dump(Path.of(System.getProperty("bench.jfr.file")));
                    recording.close();
                }
                return String.format(Locale.ROOT, "{\"benchmark\": \"voting.count\", \"via\": \"BoxAudit.audit +"
                        + " Counting.shuffle + ResultsService.countBallots\", \"ballots\": %d, \"candidates\": %d,"
                        + " \"grades\": %d, \"batchSize\": %d, \"batchMillis\": %d, \"checkpointEvery\": %d,"
                        + " \"threads\": 1, \"setup\": {\"seconds\": %.1f, \"loadBoxSeconds\": %.1f,"
                        + " \"loadVotersSeconds\": %.1f}, \"runs\": [%s], \"firstTotalMillis\": %.1f,"
                        + " \"medianTotalMillis\": %.1f, \"ranking\": %s, \"postgres\": %s, \"maxHeapMiB\": %d, %s}",
                        ballots, candidates, grades, BATCH_SIZE, BATCH_MILLIS, CHECKPOINT_EVERY, setupSeconds, loadBox,
                        loadVoters, runs, totals[0], median(totals), result.ranking(), CastLoad.postgresSettings(connection),
                        Runtime.getRuntime().maxMemory() >> 20, Machine.json());
            }
        }

        /**
         * With the system property {@code bench.jfr.file}, a JFR recording (the JDK's "profile"
         * settings) of the timed iterations only, not of the setup; {@code null} without it.
         */
        private static jdk.jfr.Recording profile() throws IOException, java.text.ParseException {
            if (System.getProperty("bench.jfr.file") == null) {
                return null;
            }
            jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
            return recording;
        }

        private void insertElection(Connection connection, String id) throws SQLException {
            Instant now = Instant.now();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO voting.election (id, title, state,"
                    + " created_at, registration_opened_at, registration_closed_at, voting_opens_at, voting_closes_at,"
                    + " roll_size, seal_document, seal_fingerprint, seal_proposed_by, seal_proposed_at, sealed_by,"
                    + " sealed_at, trustee_threshold, election_public_key, key_generated_at, rehearsal_passed_at,"
                    + " box_genesis, signing_public_key, voting_opened_at, voting_closed_at)"
                    + " VALUES (?, ?, 'CLOSED', ?, ?, ?, ?, ?, ?, ?, ?, 'organizer', ?, 'bailiff', ?, 2, ?, ?, ?, ?, ?, ?, ?)")) {
                Timestamp t = Timestamp.from(now.minus(7, ChronoUnit.DAYS));
                Timestamp opens = Timestamp.from(now.minus(3, ChronoUnit.DAYS));
                Timestamp closes = Timestamp.from(now.minus(1, ChronoUnit.HOURS));
                insert.setString(1, id);
                insert.setString(2, "Bench count " + ballots);
                insert.setTimestamp(3, t);
                insert.setTimestamp(4, t);
                insert.setTimestamp(5, t);
                insert.setTimestamp(6, opens);
                insert.setTimestamp(7, closes);
                insert.setLong(8, ballots);
                insert.setString(9, "bench seal document");
                insert.setString(10, fingerprint);
                insert.setTimestamp(11, t);
                insert.setTimestamp(12, t);
                insert.setString(13, electionKey.publicKeyBase64());
                insert.setTimestamp(14, t);
                insert.setTimestamp(15, t);
                insert.setString(16, genesis);
                insert.setString(17, signingPublicKey);
                insert.setTimestamp(18, opens);
                insert.setTimestamp(19, closes);
                insert.executeUpdate();
            }
        }

        /**
         * Encrypts, chains and COPYs the ballots into {@code voting.box_entry} (encryption on every
         * core, the chain in order), and signs the checkpoints. Returns the seconds it took.
         */
        private double loadBox(Connection connection) throws Exception {
            long start = System.nanoTime();
            BallotCrypto.Sealer sealer = new BallotCrypto.Sealer(election, electionKey.publicKey(), BATCH_SIZE,
                    BATCH_MILLIS);
            SplittableRandom random = new SplittableRandom(2027);
            PrivateSigner signer = new PrivateSigner();
            signer.sign(0, genesis);
            String head = genesis;
            byte[] electionBytes = election.getBytes(StandardCharsets.UTF_8);
            try (DataOutputStream copy = new DataOutputStream(new BufferedOutputStream(new PGCopyOutputStream(
                    connection.unwrap(PGConnection.class), "COPY voting.box_entry (election_id, position, encrypted,"
                            + " receipt, head) FROM STDIN (FORMAT binary)"), 1 << 16))) {
                copy.write(COPY_SIGNATURE);
                copy.writeInt(0);
                copy.writeInt(0);
                for (int from = 0; from < ballots; from += CHUNK) {
                    int count = Math.min(CHUNK, ballots - from);
                    byte[][] plain = new byte[count][];
                    for (int b = 0; b < count; b++) {
                        plain[b] = ballot(random);
                    }
                    byte[][] encrypted = new byte[count][];
                    String[] receipts = new String[count];
                    IntStream.range(0, count).parallel().forEach(b -> {
                        encrypted[b] = sealer.encrypt(plain[b]);
                        receipts[b] = BoxChain.receipt(encrypted[b]);
                    });
                    for (int b = 0; b < count; b++) {
                        long position = from + b + 1L;
                        head = BoxChain.next(head, position, receipts[b]);
                        copy.writeShort(5);
                        copy.writeInt(electionBytes.length);
                        copy.write(electionBytes);
                        copy.writeInt(8);
                        copy.writeLong(position);
                        copy.writeInt(encrypted[b].length);
                        copy.write(encrypted[b]);
                        copy.writeInt(64);
                        copy.write(receipts[b].getBytes(StandardCharsets.US_ASCII));
                        copy.writeInt(64);
                        copy.write(head.getBytes(StandardCharsets.US_ASCII));
                        if (position % CHECKPOINT_EVERY == 0 || position == ballots) {
                            signer.sign(position, head);
                        }
                    }
                }
                copy.writeShort(-1);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO voting.box_checkpoint"
                    + " (election_id, ballots, head, made_at, signature) VALUES (?, ?, ?, ?, ?)")) {
                for (BallotBox.Checkpoint c : signer.made) {
                    insert.setString(1, election);
                    insert.setLong(2, c.ballots());
                    insert.setString(3, c.head());
                    insert.setTimestamp(4, Timestamp.from(c.at()));
                    insert.setString(5, c.signature());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return (System.nanoTime() - start) / 1e9;
        }

        /** One ballot, seeded, skewed per candidate (as TallyBenchmark's), counted in {@link #expected}. */
        private byte[] ballot(SplittableRandom random) {
            byte[] ballot = new byte[candidates];
            for (int c = 0; c < candidates; c++) {
                int grade = Math.min(grades - 1, random.nextInt(grades) + (random.nextInt(candidates + 3) < c ? 1 : 0));
                ballot[c] = (byte) grade;
                expected[c][grade]++;
            }
            return ballot;
        }

        /** Every ballot's voter, marked as having voted (the count checks marks = ballots). */
        private double loadVoters(Connection connection) throws Exception {
            long start = System.nanoTime();
            byte[] electionBytes = election.getBytes(StandardCharsets.UTF_8);
            try (DataOutputStream copy = new DataOutputStream(new BufferedOutputStream(new PGCopyOutputStream(
                    connection.unwrap(PGConnection.class), "COPY voting.voter (id, election_id, registrant_id,"
                            + " credential_hash, has_voted) FROM STDIN (FORMAT binary)"), 1 << 16))) {
                copy.write(COPY_SIGNATURE);
                copy.writeInt(0);
                copy.writeInt(0);
                for (int v = 0; v < ballots; v++) {
                    copy.writeShort(5);
                    uuid(copy, UUID.randomUUID());
                    copy.writeInt(electionBytes.length);
                    copy.write(electionBytes);
                    uuid(copy, UUID.randomUUID());
                    copy.writeInt(64);
                    copy.write(String.format(Locale.ROOT, "%064x", v).getBytes(StandardCharsets.US_ASCII));
                    copy.writeInt(1);
                    copy.writeByte(1);
                }
                copy.writeShort(-1);
            }
            return (System.nanoTime() - start) / 1e9;
        }

        private static void uuid(DataOutputStream copy, UUID id) throws IOException {
            copy.writeInt(16);
            copy.writeLong(id.getMostSignificantBits());
            copy.writeLong(id.getLeastSignificantBits());
        }

        /** The signed checkpoints as {@code BallotBox.checkpoints} reads them, keyed by ballots. */
        private Map<Long, BallotBox.Checkpoint> checkpoints(Connection connection) throws SQLException {
            Map<Long, BallotBox.Checkpoint> checkpoints = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT ballots, head, made_at, signature"
                    + " FROM voting.box_checkpoint WHERE election_id = ? ORDER BY ballots")) {
                select.setString(1, election);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        checkpoints.put(rows.getLong(1), new BallotBox.Checkpoint(rows.getLong(1),
                                rows.getString(2).strip(), rows.getTimestamp(3).toInstant(), rows.getString(4)));
                    }
                }
            }
            return checkpoints;
        }

        private long marks(Connection connection) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT count(*) FROM voting.voter WHERE election_id = ? AND has_voted")) {
                select.setString(1, election);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }

        /** {@code Counting.keep}: the shuffled ballots, in chunks of 10,000, in one transaction. */
        private void keep(Connection connection, String target, byte[] decrypted) throws SQLException {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO voting.counted_ballot"
                    + " (election_id, chunk, ballots, grades) VALUES (?, ?, ?, ?)")) {
                for (int chunk = 0; chunk * CHUNK < ballots; chunk++) {
                    int from = chunk * CHUNK;
                    int count = Math.min(CHUNK, ballots - from);
                    insert.setString(1, target);
                    insert.setInt(2, chunk);
                    insert.setInt(3, count);
                    insert.setBytes(4, Arrays.copyOfRange(decrypted, from * candidates, (from + count) * candidates));
                    insert.executeUpdate();
                }
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
        }

        /** The count's result must be exactly the grades that were encrypted. */
        private void check(ResultView result) {
            if (result.ballots().longValueExact() != ballots) {
                throw new IllegalStateException("counted " + result.ballots() + " ballots, not " + ballots);
            }
            for (org.openprimary.tally.boundary.CandidateView candidate : result.candidates()) {
                long[] counted = candidate.counts().stream().mapToLong(java.math.BigInteger::longValueExact).toArray();
                if (!Arrays.equals(counted, expected[candidate.index()])) {
                    throw new IllegalStateException("candidate " + candidate.index() + " counted "
                            + Arrays.toString(counted) + ", encrypted " + Arrays.toString(expected[candidate.index()]));
                }
            }
        }

        /** Signs checkpoints as the server's {@code BoxKeeper.sign} does, with the time in microseconds (as stored). */
        private final class PrivateSigner {
            final List<BallotBox.Checkpoint> made = new ArrayList<>();

            void sign(long position, String head) {
                Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                String signature = BoxChain.sign(BoxChain.checkpointText(election, position, head, at),
                        signingKey.getPrivate());
                made.add(new BallotBox.Checkpoint(position, head, at, signature));
            }
        }
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2]; // the lower median with an even count
    }
}
