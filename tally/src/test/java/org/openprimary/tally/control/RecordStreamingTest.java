package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.openprimary.tally.entity.GradeScale;

/**
 * A record of 2,000,000 ballots goes from the writer to the verifier through a pipe: neither side
 * ever holds the record, and the receipts and ballots are made on the fly by iterators, so the
 * test holds none of them either. (The verifier keeps only the receipts' 32 bytes each and the
 * counts; docs/record.md gives a run under a 256 MB heap.)
 */
class RecordStreamingTest {

    private static final int BALLOTS = 2_000_000;
    private static final int CANDIDATES = 10;
    private static final String ELECTION = "8d0f9c1e-4b7a-4f62-9e35-1c2b3a4d5e6f";

    /** The receipt of the n-th ballot: the SHA-256 of a made-up encrypted ballot. */
    private static String receipt(long n) {
        return BoxChain.receipt(ByteBuffer.allocate(16).putLong(n).putLong(~n).array());
    }

    private static Iterator<String> receipts() {
        return new Iterator<>() {
            private long next = 1;

            @Override
            public boolean hasNext() {
                return next <= BALLOTS;
            }

            @Override
            public String next() {
                return receipt(next++);
            }
        };
    }

    private static Iterator<int[]> ballots() {
        SplittableRandom random = new SplittableRandom(2027);
        return new Iterator<>() {
            private int made;

            @Override
            public boolean hasNext() {
                return made < BALLOTS;
            }

            @Override
            public int[] next() {
                made++;
                return random.ints(CANDIDATES, 0, GradeScale.DEFAULT.size()).toArray();
            }
        };
    }

    @Test
    void twoMillionBallotsStreamFromTheWriterThroughTheVerifier() throws Exception {
        List<String> candidates = new ArrayList<>();
        for (int c = 0; c < CANDIDATES; c++) {
            candidates.add("Candidate " + c);
        }
        String seal = "format=openprimary-seal-2\nelection=" + ELECTION + "\ntitle=Big\ncandidates=" + CANDIDATES + "\n"
                + String.join("", candidates.stream().map(c -> "candidate." + c.substring(10) + "=" + c + "\n").toList())
                + "grades=5\n" + String.join("", GradeScale.DEFAULT.names().stream()
                        .map(g -> "grade." + GradeScale.DEFAULT.names().indexOf(g) + "=" + g + "\n").toList())
                + "roll.size=2500000\nroll.credentials=" + RecordFixture.sha256("credentials") + "\n";
        String fingerprint = RecordFixture.sha256(seal);
        String electionKey = Base64.getEncoder().encodeToString(new byte[32]);
        KeyPair box = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        // What the box publishes as it goes: the head, a checkpoint every 500,000 ballots.
        List<RecordWriter.Checkpoint> checkpoints = new ArrayList<>();
        String head = BoxChain.genesis(ELECTION, fingerprint, electionKey);
        Iterator<String> receipts = receipts();
        for (long position = 1; receipts.hasNext(); position++) {
            head = BoxChain.next(head, position, receipts.next());
            if (position % 500_000 == 0) {
                Instant at = Instant.parse("2027-01-14T07:00:00Z").plusSeconds(position);
                checkpoints.add(new RecordWriter.Checkpoint(position, head, at,
                        BoxChain.sign(BoxChain.checkpointText(ELECTION, position, head, at), box.getPrivate())));
            }
        }
        BallotCounter counter = new BallotCounter(CANDIDATES, GradeScale.DEFAULT.size());
        ballots().forEachRemaining(counter::add);
        String result = ResultJson.write(Tally.rank(ELECTION, GradeScale.DEFAULT, candidates, counter.profiles()));

        RecordWriter.Header header = new RecordWriter.Header(ELECTION, "Big", candidates, GradeScale.DEFAULT.names(),
                seal, fingerprint, 2_500_000, RecordFixture.sha256("credentials"), electionKey, "test",
                Base64.getEncoder().encodeToString(box.getPublic().getEncoded()), BALLOTS);
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        String finalHead = head;
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try (out) {
                RecordWriter.write(out, header, receipts(), finalHead, checkpoints, ballots(), result);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        RecordReport report = RecordVerifier.verify(in);
        writing.join();

        assertTrue(report.verified(), report.text());
        assertEquals("2000000 ballots, 2000000 receipts, 2000000 voters marked, on a roll of 2500000",
                report.outcome(RecordCheck.COUNT_COMPLETE).evidence());
        assertTrue(report.outcome(RecordCheck.RESULT_RECOUNT).evidence().startsWith(
                "recounting the 2000000 ballots gives the published result"));
    }
}
