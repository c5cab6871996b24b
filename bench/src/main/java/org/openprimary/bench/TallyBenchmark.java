package org.openprimary.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.openprimary.tally.control.BallotCounter;
import org.openprimary.tally.control.Tally;
import org.openprimary.tally.entity.GradeScale;
import org.openprimary.tally.entity.MeritProfile;
import org.openprimary.tally.entity.Result;

/**
 * Counting a national primary's ballots from plain grades and ranking the candidates, on one
 * thread: the ballots are made once (seeded), then counted and ranked {@code iterations} times after
 * two warm-up rounds.
 */
final class TallyBenchmark {

    record Outcome(int ballots, int candidates, int grades, double[] millis, List<Integer> ranking) {
        String toJson() {
            Runtime runtime = Runtime.getRuntime();
            return String.format(Locale.ROOT, "{\"benchmark\": \"tally.countAndRank\", \"ballots\": %d, \"candidates\": %d,"
                    + " \"grades\": %d, \"threads\": 1, %s, \"ranking\": %s, \"java\": \"%s\", \"cores\": %d}",
                    ballots, candidates, grades, Bench.stats(millis), ranking, System.getProperty("java.version"),
                    runtime.availableProcessors());
        }
    }

    private TallyBenchmark() {
    }

    static Outcome run(int ballots, int candidates, int grades, int iterations) {
        byte[] box = new byte[ballots * candidates];
        SplittableRandom random = new SplittableRandom(2027);
        for (int i = 0; i < box.length; i++) {
            // a skew per candidate, so the ranking is not a coin toss
            int candidate = i % candidates;
            int grade = Math.min(grades - 1, random.nextInt(grades) + (random.nextInt(candidates + 3) < candidate ? 1 : 0));
            box[i] = (byte) grade;
        }
        GradeScale scale = GradeScale.ofSize(grades);
        Result result = null;
        for (int warmup = 0; warmup < 2; warmup++) {
            result = countAndRank(box, candidates, scale);
        }
        double[] millis = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            result = countAndRank(box, candidates, scale);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Outcome(ballots, candidates, grades, millis, result.ranking());
    }

    private static Result countAndRank(byte[] box, int candidates, GradeScale scale) {
        List<MeritProfile> profiles = BallotCounter.count(box, candidates, scale.size());
        return Tally.rank(null, scale, null, profiles);
    }
}
