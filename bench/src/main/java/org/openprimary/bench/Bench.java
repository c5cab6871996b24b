package org.openprimary.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks, each printing one JSON object on standard output. Not a test: numbers go to
 * {@code bench/RESULTS.md} with the machine and the date.
 *
 * <pre>
 * tally [BALLOTS] [CANDIDATES] [GRADES] [ITERATIONS]   counting plain ballots and ranking through the results service (one thread)
 * tally-scale [CANDIDATES] [ITERATIONS]                ranking alone for 10^3 to 10^30 ballots (one thread)
 * registration [REGISTRATIONS] [WORKERS] [BASE_URL]    completed registrations per second against a running platform
 * count [BALLOTS] [CANDIDATES] [GRADES] [ITERATIONS]   the count of an encrypted, chained box in its own PostgreSQL
 * cast [VOTERS] [THREADS,...] [BASE_URL] [DB_PORT] [LEAD_SECONDS]   ballots cast per second against a running platform
 * jfr-top FILE.jfr [TOP]                               where the CPU samples of a JFR recording are
 * drills quick|full|smoke [--url URL] [--organizer USER:PASSWORD] [--db JDBC_URL] [--only races,crash,outage] [--control] [--out FILE]
 * suite quick|full|smoke [--url URL] [--organizer USER:PASSWORD] [--db JDBC_URL] [--db-user U] [--db-password P]
 *       [--out FILE] [--only tally,count,floor,registration,cast]   every scenario into one JSON object (bench/run.sh)
 * </pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            // the load generators' HTTP and worker threads are not daemons: a failure must still end the JVM
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("suite")) {
            List<String> rest = List.of(args).subList(1, args.length);
            Suite.main(rest, rest.contains("--organizer") ? null : organizerPassword());
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("drills")) {
            List<String> rest = List.of(args).subList(1, args.length);
            System.exit(Drills.main(rest, rest.contains("--organizer") ? null : organizerPassword()));
        }
        if (args.length > 0 && args[0].equals("registration")) {
            System.out.println(RegistrationLoad.run(java.net.URI.create(args.length > 3 ? args[3] : "http://localhost:8080/"),
                    "organizer", organizerPassword(), arg(args, 1, 5000), arg(args, 2, 32), arg(args, 1, 5000) / 5));
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("cast")) {
            int[] threads = Arrays.stream((args.length > 2 ? args[2] : "16,32,64").split(","))
                    .mapToInt(t -> Integer.parseInt(t.strip())).toArray();
            System.out.println(CastLoad.run(java.net.URI.create(args.length > 3 ? args[3] : "http://localhost:8080/"),
                    organizerPassword(), "jdbc:postgresql://localhost:" + arg(args, 4, 54329) + "/postgres",
                    arg(args, 1, 12_000), threads, arg(args, 5, 90)));
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("count")) {
            System.out.println(CountBenchmark.run(arg(args, 1, 2_000_000), arg(args, 2, 10), arg(args, 3, 5),
                    arg(args, 4, 3)));
            return;
        }
        if (args.length > 1 && args[0].equals("jfr-top")) {
            System.out.println(Profile.top(java.nio.file.Path.of(args[1]), arg(args, 2, 25)));
            return;
        }
        if (args.length > 0 && args[0].equals("tally-scale")) {
            System.out.println(TallyBenchmark.rankScale(arg(args, 1, 1000), arg(args, 2, 9)));
            return;
        }
        if (args.length == 0 || !args[0].equals("tally")) {
            System.err.println("usage: Bench tally [BALLOTS] [CANDIDATES] [GRADES] [ITERATIONS]"
                    + " | Bench tally-scale [CANDIDATES] [ITERATIONS]"
                    + " | Bench registration [REGISTRATIONS] [WORKERS] [BASE_URL]"
                    + " | Bench count [BALLOTS] [CANDIDATES] [GRADES] [ITERATIONS]"
                    + " | Bench cast [VOTERS] [THREADS,...] [BASE_URL] [DB_PORT] [LEAD_SECONDS]"
                    + " | Bench jfr-top FILE.jfr [TOP]"
                    + " | Bench suite quick|full|smoke [--url URL] [--organizer USER:PASSWORD] [--db JDBC_URL] [--out FILE]");
            System.exit(2);
        }
        System.out.println(TallyBenchmark.countAndRank(arg(args, 1, 2_000_000), arg(args, 2, 10), arg(args, 3, 10),
                arg(args, 4, 9)));
    }

    /** The demo organizer's password: the environment's, or the launcher's file under openprimary.home. */
    private static String organizerPassword() throws java.io.IOException {
        String configured = System.getenv("OPENPRIMARY_ADMIN_BOOTSTRAP_PASSWORD");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("openprimary.home", ".."),
                ".openprimary", "demo-admin-password")).strip();
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** Median, min and max of timings in milliseconds, as JSON. */
    static String stats(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "\"millis\": %s, \"medianMillis\": %.1f, \"minMillis\": %.1f, \"maxMillis\": %.1f",
                Arrays.toString(Arrays.stream(millis).map(m -> Math.round(m * 10) / 10.0).toArray()),
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }
}
