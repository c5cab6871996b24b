package org.openprimary.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.openprimary.tally.boundary.ResultView;
import org.openprimary.tally.boundary.ResultsService;
import org.openprimary.tally.control.Tally;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;

/**
 * The tally's benchmarks, on one thread (run the JVM pinned to one core: see bench/RESULTS.md).
 *
 * <ul>
 * <li>{@code tally}: a national primary's count through the results service, as the platform calls
 * it: plain grades in ({@code ballots × candidates} bytes, made once, seeded), the ranked
 * {@link ResultView} out. The first call (cold, as on election night) is reported apart; after a
 * second warm-up call, {@code iterations} measured ones.</li>
 * <li>{@code tally-scale}: ranking alone, 1,000 candidates on 10 grades, for 10<sup>3</sup> to
 * 10<sup>30</sup> ballots: the time must not grow with the number of ballots.</li>
 * </ul>
 * Each prints one JSON object.
 */
final class TallyBenchmark {

    private TallyBenchmark() {
    }

    /** Counting plain grades and ranking, through the boundary. */
    static String countAndRank(int ballots, int candidates, int grades, int iterations) {
        byte[] box = ballotBox(ballots, candidates, grades);
        ResultsService results = new ResultsService();
        List<String> scale = GradeScale.ofSize(grades).names();
        long cold = System.nanoTime();
        ResultView result = results.countBallots("bench", scale, candidates, null, box);
        double firstMillis = (System.nanoTime() - cold) / 1e6;
        result = results.countBallots("bench", scale, candidates, null, box);
        double[] millis = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            result = results.countBallots("bench", scale, candidates, null, box);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        if (!result.ballots().equals(BigInteger.valueOf(ballots))) {
            throw new IllegalStateException("counted " + result.ballots() + " ballots, not " + ballots);
        }
        return String.format(Locale.ROOT, "{\"benchmark\": \"tally.countAndRank\", \"via\": \"ResultsService.countBallots\","
                + " \"ballots\": %d, \"candidates\": %d, \"grades\": %d, \"threads\": 1, \"firstCallMillis\": %.1f, %s,"
                + " \"rankingTop10\": %s, %s}",
                ballots, candidates, grades, firstMillis, Bench.stats(millis),
                result.ranking().subList(0, Math.min(10, candidates)), machine());
    }

    /** Ranking alone, the same 1,000 profiles scaled to ever more ballots. */
    static String rankScale(int candidates, int iterations) {
        SplittableRandom random = new SplittableRandom(2027);
        int grades = 10;
        long[][] shapes = new long[candidates][grades];
        for (int c = 0; c < candidates; c++) {
            for (int g = 0; g < grades; g++) {
                shapes[c][g] = 1 + random.nextInt(1000) + (g >= c % grades ? 300 : 0);
            }
        }
        GradeScale scale = GradeScale.ofSize(grades);
        StringBuilder rows = new StringBuilder();
        for (String magnitude : new String[] {"1000", "1000000", "1000000000", "1000000000000000000",
                "1000000000000000000000000000000"}) {
            List<MeritProfile> profiles = profiles(shapes, new BigInteger(magnitude));
            for (int warmup = 0; warmup < 3; warmup++) {
                Tally.rank(null, scale, null, profiles);
            }
            double[] millis = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                Tally.rank(null, scale, null, profiles);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            rows.append(rows.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"ballots\": %s, %s}", profiles.get(0).total(), Bench.stats(millis)));
        }
        return String.format(Locale.ROOT, "{\"benchmark\": \"tally.rankScale\", \"candidates\": %d, \"grades\": %d,"
                + " \"threads\": 1, \"runs\": [%s], %s}", candidates, grades, rows, machine());
    }

    /**
     * Profiles of about {@code target} ballots each with the given shapes, all with exactly the same
     * total (the remainder goes to the worst grade).
     */
    private static List<MeritProfile> profiles(long[][] shapes, BigInteger target) {
        List<MeritProfile> profiles = new ArrayList<>();
        for (long[] shape : shapes) {
            long weight = 0;
            for (long w : shape) {
                weight += w;
            }
            BigInteger[] counts = new BigInteger[shape.length];
            BigInteger sum = BigInteger.ZERO;
            for (int g = 1; g < shape.length; g++) {
                counts[g] = target.multiply(BigInteger.valueOf(shape[g])).divide(BigInteger.valueOf(weight));
                sum = sum.add(counts[g]);
            }
            counts[0] = target.subtract(sum);
            profiles.add(new MeritProfile(counts, "bench"));
        }
        return profiles;
    }

    /** Plain ballots, seeded, with a skew per candidate so the ranking is not a coin toss. */
    static byte[] ballotBox(int ballots, int candidates, int grades) {
        byte[] box = new byte[Math.multiplyExact(ballots, candidates)];
        SplittableRandom random = new SplittableRandom(2027);
        for (int i = 0; i < box.length; i++) {
            int candidate = i % candidates;
            int grade = Math.min(grades - 1, random.nextInt(grades) + (random.nextInt(candidates + 3) < candidate ? 1 : 0));
            box[i] = (byte) grade;
        }
        return box;
    }

    /** What ran it: the processor's model name (Linux), processors the JVM may use, the Java version. */
    static String machine() {
        String cpu = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it unknown
        }
        return String.format(Locale.ROOT, "\"cpu\": \"%s\", \"availableProcessors\": %d, \"java\": \"%s\"",
                cpu.replace("\"", "'"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }
}
