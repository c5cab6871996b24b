package org.openprimary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every scenario of issue 4 in one run, against one platform, into one JSON object: the tally alone,
 * the count, the database's floor (pgbench), registration, the cast, and an organizer's campaign
 * queued to a large roll; each scenario's figures, its goal and whether it was met, the application
 * server's peak heap and RSS while it ran, and its error if it failed (the others still run).
 * {@code bench/run.sh quick|full} starts the platform (or takes a running one's URL) and calls this;
 * the launcher's {@code BenchSmokeIT} calls {@link #run} with the smoke sizes against the platform
 * its other integration tests use.
 *
 * <p>The sizes: {@code full} is the for the tally and the count (2,000,000 ballots × 10
 * candidates); for registration and the cast, what this 2-core machine runs in minutes (a roll of
 * 2,000,000 voters registered over HTTP would take hours here); the campaign is the 500,000
 * recipients (an organizer's announcement to a roll written by SQL in the setup). {@code quick} is a minute or two; {@code smoke} is CI's, seconds.
 */
public final class Suite {

    /** What one mode runs: the sizes of each scenario. */
    public record Sizes(String mode, int tallyBallots, int tallyIterations, int countBallots, int countIterations,
            int registrations, int registrationWorkers, int castVoters, int[] castThreads, int castLeadSeconds,
            int floorClients, int floorSeconds, int campaignRecipients) {

        public static Sizes of(String mode) {
            return switch (mode) {
                case "full" -> new Sizes(mode, 2_000_000, 9, 2_000_000, 1, 5_000, 32, 12_000, new int[] {16, 32, 64},
                        45, 32, 30, 500_000);
                case "quick" -> new Sizes(mode, 200_000, 5, 20_000, 1, 300, 16, 600, new int[] {16}, 20, 16, 10, 20_000);
                case "smoke" -> new Sizes(mode, 20_000, 3, 2_000, 1, 20, 4, 40, new int[] {8}, 15, 4, 3, 500);
                default -> throw new IllegalArgumentException("mode is quick, full or smoke, not " + mode);
            };
        }
    }

    /** Where the platform is and who the bench signs in as. */
    public record Target(URI base, String organizerUser, String organizerPassword, String dbUrl, String dbUser,
            String dbPassword) {
    }

    static final List<String> SCENARIOS = List.of("tally", "count", "floor", "registration", "cast", "campaign");
    private static final int CANDIDATES = 10;
    private static final int GRADES = 5;

    private final Sizes sizes;
    private final Target target;
    private final Set<String> only;
    private final ObjectMapper json = new ObjectMapper();
    private final ArrayNode errors = json.createArrayNode();

    private Suite(Sizes sizes, Target target, Set<String> only) {
        this.sizes = sizes;
        this.target = target;
        this.only = only;
    }

    /** Runs every scenario (or those named in {@code only}; empty: all); the whole result. */
    public static ObjectNode run(Sizes sizes, Target target, Set<String> only) {
        return new Suite(sizes, target, only).run();
    }

    /** {@code suite MODE [--url URL] [--organizer USER:PASSWORD] [--db JDBC] [--db-user U] [--db-password P] [--out FILE] [--only a,b]} */
    static void main(List<String> args, String defaultOrganizerPassword) throws IOException {
        Sizes sizes = Sizes.of(args.isEmpty() ? "quick" : args.get(0));
        String url = option(args, "--url").orElse("http://localhost:8080/");
        String organizer = option(args, "--organizer").orElse(null);
        String user = organizer == null ? "organizer" : organizer.substring(0, organizer.indexOf(':'));
        String password = organizer == null ? defaultOrganizerPassword : organizer.substring(organizer.indexOf(':') + 1);
        Target target = new Target(URI.create(url.endsWith("/") ? url : url + "/"), user, password,
                option(args, "--db").orElse("jdbc:postgresql://localhost:54329/postgres"),
                option(args, "--db-user").orElse("postgres"), option(args, "--db-password").orElse("postgres"));
        Set<String> only = new LinkedHashSet<>();
        option(args, "--only").ifPresent(names -> only.addAll(Arrays.asList(names.split(","))));
        ObjectNode result = run(sizes, target, only);
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        Optional<String> out = option(args, "--out");
        if (out.isPresent()) {
            Path file = Path.of(out.get());
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text + System.lineSeparator());
        }
        System.out.println(text);
    }

    private static Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Optional.of(args.get(at + 1)) : Optional.empty();
    }

    private ObjectNode run() {
        ObjectNode result = json.createObjectNode();
        result.put("benchmark", "openprimary.suite");
        result.put("mode", sizes.mode());
        result.put("loadAverageAtStart", loadAverage());
        ObjectNode scenarios = json.createObjectNode();

        ObjectNode tally = scenario("tally", "2,000,000 ballots x 10 candidates to a result in < 2 s on one core", false,
                () -> TallyBenchmark.countAndRank(sizes.tallyBallots(), CANDIDATES, GRADES, sizes.tallyIterations()));
        judge(tally, sizes.tallyBallots() == 2_000_000, f -> f.get("medianMillis").asDouble() < 2000,
                "the goal is for 2,000,000 ballots; this run counted " + sizes.tallyBallots());
        scenarios.set("tally", tally);

        ObjectNode count = scenario("count", "decrypt and count a box of 2,000,000 ballots x 10 candidates in < 60 s", false,
                () -> CountBenchmark.run(sizes.countBallots(), CANDIDATES, GRADES, sizes.countIterations()));
        judge(count, sizes.countBallots() == 2_000_000, f -> f.get("firstTotalMillis").asDouble() < 60_000,
                "the goal is for 2,000,000 ballots; this run counted " + sizes.countBallots());
        scenarios.set("count", count);

        int floorClients = sizes.floorClients();
        ObjectNode floor = scenario("floor", "the cast within 3x of pgbench's raw commit rate (one INSERT and its"
                + " commit, " + floorClients + " clients, the same PostgreSQL)", true,
                () -> Floor.run(target.dbUrl(), target.dbUser(), target.dbPassword(), floorClients, sizes.floorSeconds()));
        scenarios.set("floor", floor);

        ObjectNode registration = scenario("registration", ">= 500 completed registrations/s with the demo stand-ins",
                true, () -> RegistrationLoad.run(target.base(), target.organizerUser(), target.organizerPassword(),
                        sizes.registrations(), sizes.registrationWorkers(), sizes.registrations() / 5));
        judge(registration, true, f -> f.get("completedPerSecond").asDouble() >= 500 && f.get("failures").asLong() == 0,
                null);
        scenarios.set("registration", registration);

        ObjectNode cast = scenario("cast", ">= 3,000 ballots/s with p99 < 250 ms and durable commits", true,
                () -> CastLoad.run(target.base(), target.organizerUser(), target.organizerPassword(), target.dbUrl(),
                        target.dbUser(), target.dbPassword(), sizes.castVoters(), sizes.castThreads(),
                        sizes.castLeadSeconds(), sizes.campaignRecipients()));
        JsonNode best = bestRun(cast.path("figures"));
        if (best != null) {
            ObjectNode summary = cast.putObject("best");
            summary.put("threads", best.get("threads").asInt());
            summary.put("ballotsPerSecond", best.get("ballotsPerSecond").asDouble());
            summary.put("p99Millis", best.get("p99Millis").asDouble());
            JsonNode pg = cast.path("figures").path("postgres");
            boolean durable = "on".equals(pg.path("fsync").asText()) && "on".equals(pg.path("synchronous_commit").asText());
            summary.put("durableCommits", durable);
            summary.put("invariantsHeld", cast.path("figures").path("invariants").path("held").asBoolean());
            cast.put("met", best.get("ballotsPerSecond").asDouble() >= 3000 && best.get("p99Millis").asDouble() < 250
                    && durable);
            if (!durable) {
                cast.put("note", "the platform's PostgreSQL runs with fsync=" + pg.path("fsync").asText()
                        + ", synchronous_commit=" + pg.path("synchronous_commit").asText()
                        + ": its commits are not durable, so the goal is not met whatever the rate");
            }
            if (!cast.path("figures").path("invariants").path("held").asBoolean()) {
                error("cast", "the invariants do not hold: " + cast.path("figures").path("invariants"));
            }
        }
        scenarios.set("cast", cast);

        ObjectNode campaign = scenario("campaign", "queue 500,000 recipients in < 60 s", true,
                () -> CampaignLoad.run(target.base(), target.organizerUser(), target.organizerPassword(),
                        target.dbUrl(), target.dbUser(), target.dbPassword(), sizes.campaignRecipients()));
        judge(campaign, sizes.campaignRecipients() >= 500_000, f -> f.get("queueSeconds").asDouble() < 60
                && f.get("queued").asLong() == f.get("recipients").asLong(),
                "the goal is for 500,000 recipients; this run queued " + sizes.campaignRecipients());
        if (cast.path("figures").path("linksCampaign").isObject()) {
            campaign.set("votingLinks", cast.path("figures").path("linksCampaign"));
        }
        castsDuringQueue(campaign, cast.path("figures"));
        scenarios.set("campaign", campaign);
        floorRatio(floor, best);

        result.set("scenarios", scenarios);
        summary(result, scenarios);
        result.set("errors", errors);
        try {
            JsonNode machine = json.readTree("{" + Machine.json() + "}");
            result.set("machine", machine.get("machine"));
            result.put("date", machine.get("date").asText());
            result.put("cores", machine.get("machine").get("cores").asInt());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /**
     * Whether casts slow down while a campaign is queued: the cast's run during a campaign's queuing
     * against its run with the same number of clients and none.
     */
    private void castsDuringQueue(ObjectNode campaign, JsonNode cast) {
        JsonNode during = cast.path("duringCampaign");
        if (!during.isObject()) {
            campaign.put("castsDuringQueue", "not measured: the cast scenario did not run");
            return;
        }
        JsonNode alone = null;
        for (JsonNode run : cast.path("runs")) {
            if (!run.path("warmup").asBoolean() && run.path("threads").asInt() == during.path("threads").asInt()) {
                alone = run;
            }
        }
        ObjectNode compared = campaign.putObject("castsDuringQueue");
        compared.put("threads", during.path("threads").asInt());
        compared.put("overlapped", during.path("overlapped").asBoolean());
        compared.put("campaignRecipients", during.path("campaign").path("recipients").asLong());
        compared.put("campaignQueueSeconds", during.path("campaign").path("queueSeconds").asDouble());
        compared.put("ballotsPerSecondDuring", during.path("run").path("ballotsPerSecond").asDouble());
        compared.put("p99MillisDuring", during.path("run").path("p99Millis").asDouble());
        if (alone != null) {
            compared.put("ballotsPerSecondAlone", alone.path("ballotsPerSecond").asDouble());
            compared.put("p99MillisAlone", alone.path("p99Millis").asDouble());
            compared.put("rateRatio", Math.round(during.path("run").path("ballotsPerSecond").asDouble()
                    / alone.path("ballotsPerSecond").asDouble() * 100) / 100.0);
        }
    }

    @FunctionalInterface
    private interface Scenario {
        String run() throws Exception;
    }

    @FunctionalInterface
    private interface Goal {
        boolean met(JsonNode figures);
    }

    /**
     * Runs one scenario with the server's memory watched (and this JVM's heap, for the scenarios
     * that run here); its figures, goal and memory, or its error.
     */
    private ObjectNode scenario(String name, String goal, boolean onServer, Scenario scenario) {
        ObjectNode node = json.createObjectNode();
        node.put("goal", goal);
        node.putNull("met");
        if (!only.isEmpty() && !only.contains(name)) {
            node.put("skipped", "not asked for (--only)");
            return node;
        }
        log(name + ": started");
        resetHeapPeaks();
        Optional<ServerMemory> memory = ServerMemory.watch(target.base().getPort() < 0 ? 80 : target.base().getPort());
        long start = System.nanoTime();
        try {
            node.set("figures", json.readTree(scenario.run()));
        } catch (Exception | Error e) {
            node.putNull("figures");
            error(name, e.toString());
            node.put("error", e.toString());
        } finally {
            node.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
            ObjectNode mem = node.putObject("memory");
            if (memory.isPresent()) {
                try {
                    ObjectNode server = (ObjectNode) json.readTree("{" + memory.get().stop() + "}");
                    server.put("where", onServer ? "the application server, under this scenario's load"
                            : "the application server, idle: this scenario runs in the bench's JVM");
                    mem.set("server", server);
                } catch (IOException e) {
                    mem.put("server", "unreadable: " + e.getMessage());
                }
            } else {
                mem.put("server", "no process listening on port " + target.base().getPort() + " on this machine");
            }
            mem.put("benchHeapPeakMiB", Math.round(heapPeakMiB() * 10) / 10.0);
            JsonNode heap = mem.path("server").path("heapPeakMiB");
            if (heap.isNumber()) {
                mem.put("goal", "<= 1024 MiB heap");
                mem.put("met", heap.asDouble() <= 1024 && (onServer || heapPeakMiB() <= 1024));
            }
        }
        log(name + ": " + (node.hasNonNull("error") ? "failed: " + node.get("error").asText() : "done")
                + " in " + node.get("seconds") + " s");
        System.err.println(node.toString());
        return node;
    }

    private void judge(ObjectNode node, boolean applies, Goal goal, String whyNot) {
        JsonNode figures = node.get("figures");
        if (figures == null || figures.isNull()) {
            return;
        }
        if (!applies) {
            node.put("note", whyNot + ": the goal is not judged");
            return;
        }
        try {
            node.put("met", goal.met(figures));
        } catch (RuntimeException e) {
            node.put("note", "the goal could not be judged: " + e);
        }
    }

    /** The measured (not warm-up) cast run with the most ballots per second. */
    private static JsonNode bestRun(JsonNode figures) {
        JsonNode best = null;
        for (JsonNode run : figures.path("runs")) {
            if (!run.path("warmup").asBoolean() && (best == null
                    || run.get("ballotsPerSecond").asDouble() > best.get("ballotsPerSecond").asDouble())) {
                best = run;
            }
        }
        return best;
    }

    /** The cast's best rate as a share of pgbench's raw commit rate on the same PostgreSQL. */
    private void floorRatio(ObjectNode floor, JsonNode best) {
        JsonNode tps = floor.path("figures").path("tps");
        if (floor.path("figures").has("skipped")) {
            floor.put("note", floor.path("figures").get("skipped").asText()
                    + (sizes.mode().equals("full") ? "" : " (not a failure in " + sizes.mode() + " mode)"));
            if (sizes.mode().equals("full")) {
                error("floor", floor.path("figures").get("skipped").asText());
            }
            return;
        }
        if (!tps.isNumber() && !tps.isTextual() || best == null) {
            return;
        }
        double floorTps = tps.asDouble();
        double cast = best.get("ballotsPerSecond").asDouble();
        floor.put("castPerSecond", cast);
        floor.put("floorOverCast", Math.round(floorTps / cast * 100) / 100.0);
        floor.put("met", floorTps / cast <= 3);
    }

    private void summary(ObjectNode result, ObjectNode scenarios) {
        JsonNode cast = scenarios.path("cast").path("best");
        number(result, "castPerSecond", cast.path("ballotsPerSecond"));
        number(result, "castP99Ms", cast.path("p99Millis"));
        JsonNode count = scenarios.path("count").path("figures");
        if (count.path("ballots").asLong() == 2_000_000) {
            result.put("countSeconds2M", count.get("firstTotalMillis").asDouble() / 1000);
        } else {
            result.putNull("countSeconds2M");
        }
        JsonNode tally = scenarios.path("tally").path("figures");
        if (tally.path("ballots").asLong() == 2_000_000) {
            result.put("tallySeconds2M", tally.get("medianMillis").asDouble() / 1000);
        } else {
            result.putNull("tallySeconds2M");
        }
        number(result, "registrationsPerSecond", scenarios.path("registration").path("figures").path("completedPerSecond"));
        JsonNode campaign = scenarios.path("campaign").path("figures");
        if (campaign.path("recipients").asLong() >= 500_000) {
            result.put("campaignQueueSeconds500k", campaign.get("queueSeconds").asDouble());
        } else {
            result.putNull("campaignQueueSeconds500k");
        }
        JsonNode tps = scenarios.path("floor").path("figures").path("tps");
        if (tps.isNumber()) {
            result.put("pgbenchTps", tps.asDouble());
        } else {
            result.putNull("pgbenchTps");
        }
        number(result, "floorOverCast", scenarios.path("floor").path("floorOverCast"));
        double heap = -1;
        for (JsonNode scenario : scenarios) {
            heap = Math.max(heap, scenario.path("memory").path("server").path("heapPeakMiB").asDouble(-1));
        }
        if (heap >= 0) {
            result.put("heapPeakMiB", heap);
        } else {
            result.putNull("heapPeakMiB");
        }
        // the sizes behind the figures, since quick and smoke runs are smaller than the goals'
        ObjectNode ran = result.putObject("sizes");
        ran.put("tallyBallots", sizes.tallyBallots());
        ran.put("countBallots", sizes.countBallots());
        ran.put("registrations", sizes.registrations());
        ran.put("castVoters", sizes.castVoters());
        ran.put("castThreads", Arrays.toString(sizes.castThreads()));
        ran.put("candidates", CANDIDATES);
        ran.put("grades", GRADES);
        ran.put("floorClients", sizes.floorClients());
        ran.put("floorSeconds", sizes.floorSeconds());
        ran.put("campaignRecipients", sizes.campaignRecipients());
    }

    private static void number(ObjectNode into, String key, JsonNode value) {
        if (value.isNumber()) {
            into.put(key, value.asDouble());
        } else {
            into.putNull(key);
        }
    }

    private void error(String scenario, String message) {
        errors.add(json.createObjectNode().put("scenario", scenario).put("error", message));
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** This JVM's heap peak since the last reset (the sum of its pools' peaks, an upper bound). */
    private static double heapPeakMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void log(String message) {
        System.err.println(String.format(Locale.ROOT, "[bench] %s", message));
    }
}
