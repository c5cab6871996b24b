package org.openprimary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openprimary.tally.control.RecordReport;
import org.openprimary.tally.control.RecordVerifier;

/**
 * The fault drills of issue 5 (drills 1 to 3) against a platform in demo mode on this machine:
 *
 * <ul>
 * <li><b>races</b>: every voter casts {@code castsPerVoter} times at the same instant, over as many
 * connections: exactly one receipt per voter, in the box, and clear 4xx problem+json refusals for
 * the others, never a 5xx; ballots = "has voted" marks = voters. Then registrations racing with one
 * phone (written differently), one mailbox (written differently) and one card: exactly one wins,
 * the others get the same neutral 409, and the database holds one registrant per race and a ledger
 * entry for every attempt.
 * <li><b>crash</b>: kill -9 of Payara Server's domain JVM while ballots are being cast at full
 * speed, a restart of the domain as the launcher started it, the unanswered voters casting again:
 * every receipt a voter received is in the box, ballots = marks, every voter voted once, the voting
 * links' messages were queued once each and none was lost; after the close the count (which audits
 * every link and checkpoint of the box) and {@code tally verify} of the public record pass.
 * <li><b>outage</b>: PostgreSQL stopped ({@code pg_ctl stop -m fast}) for 10 seconds while citizens
 * cast and register: every answer is a success or a 503 problem+json with {@code Retry-After} (no
 * 500, no request hanging past its timeout), the clients retry as told, and once PostgreSQL is back
 * the platform serves again by itself; no partial write (ballots = marks, a ledger entry for every
 * registrant), and the count and {@code tally verify} pass.
 * </ul>
 *
 * And, against {@code scripts/cluster.sh} ({@code bench/run.sh cluster drill quick|full}, {@code --only cluster}):
 * <ul>
 * <li><b>cluster</b>: wrong casts from one made-up address sent straight to instances 1 and 2 in
 * turn spend one shared budget (exactly the configured number of refusals, then 429 with
 * {@code Retry-After} from both); a console account signs in on instance 1 and confirms its second
 * factor on instance 2, its cookie then signed in on both and spread over both by the balancer, and,
 * once instance 2 is dead, served on by instance 1 through the balancer, then signed out there; then
 * kill -9 of instance 2's JVM, two thirds into casts spread
 * over 20 s (40 s in full) through nginx, the clients retrying through the balancer (instance 1 serves on), the
 * unanswered voters casting again: every receipt in the box, ballots = marks = voters, each voting
 * link queued once, one checkpoint per period although both instances' clocks ticked, and the count
 * and {@code tally verify} pass.
 * </ul>
 *
 * Crash and outage control the processes ({@link Platform}), so they run only where the caller
 * started the platform itself ({@code bench/run.sh drills}); the races also run against the
 * launcher's integration-test platform ({@code DrillSmokeIT}). Each drill gives one JSON object with
 * {@code "passed"}, its figures, and {@code "failures"}: what did not hold.
 */
public final class Drills {

    /** The sizes of one mode. */
    public record Sizes(String mode, int raceVoters, int castsPerVoter, int raceGroups, int raceAttempts,
            int emailAttempts, int crashVoters, int outageVoters, int outageRegistrations) {

        public static Sizes of(String mode) {
            return switch (mode) {
                case "full" -> new Sizes(mode, 1000, 10, 50, 10, 10, 3000, 600, 300);
                case "quick" -> new Sizes(mode, 200, 10, 10, 10, 10, 600, 300, 150);
                // CI: the IT platform allows 3 registrations per email domain a minute
                case "smoke" -> new Sizes(mode, 30, 10, 3, 10, 3, 0, 0, 0);
                default -> throw new IllegalArgumentException("mode is quick, full or smoke, not " + mode);
            };
        }
    }

    /** The drills in their order; {@code cluster} runs only when named ({@code --only cluster}). */
    static final List<String> DRILLS = List.of("races", "crash", "outage", "cluster");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern RECEIPT = Pattern.compile("\"receipt\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final List<String> SCALE = List.of("Insuffisant", "Passable", "Assez bien", "Bien", "Très bien");

    private final Suite.Target target;
    private final Sizes sizes;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final String tag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final int offset = new SplittableRandom().nextInt(10_000);
    private final String organizer;

    private Drills(Suite.Target target, Sizes sizes) {
        if (!target.base().getHost().equals("localhost") && !target.base().getHost().startsWith("127.")) {
            throw new IllegalArgumentException("the drills only target loopback addresses");
        }
        this.target = target;
        this.sizes = sizes;
        this.organizer = "Basic " + java.util.Base64.getEncoder().encodeToString((target.organizerUser() + ":"
                + target.organizerPassword()).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(16)).build();
    }

    /** The races drill alone (what CI runs against its platform). */
    public static ObjectNode races(Sizes sizes, Suite.Target target) {
        return new Drills(target, sizes).guarded("races", d -> d.races());
    }

    /** The named drills, in order; crash and outage need {@code control} (the caller started the platform). */
    public static ArrayNode run(Sizes sizes, Suite.Target target, Set<String> only, boolean control) {
        Drills drills = new Drills(target, sizes);
        ArrayNode results = drills.json.createArrayNode();
        for (String name : DRILLS) {
            if (!only.isEmpty() && !only.contains(name) || only.isEmpty() && name.equals("cluster")) {
                continue;
            }
            ObjectNode result;
            if (!name.equals("races") && !control) {
                result = drills.json.createObjectNode().put("drill", name).put("passed", false);
                result.putArray("failures").add("needs a platform the drill runner started (bench/run.sh drills MODE)");
            } else {
                result = drills.guarded(name, d -> switch (name) {
                    case "races" -> d.races();
                    case "crash" -> d.crash();
                    case "cluster" -> d.cluster();
                    default -> d.outage();
                });
            }
            System.out.println(result.toString());
            results.add(result);
        }
        return results;
    }

    /** {@code drills MODE [--url URL] [--organizer U:P] [--db JDBC] [--only a,b] [--control] [--out FILE]} */
    static int main(List<String> args, String defaultOrganizerPassword) throws IOException {
        Sizes sizes = Sizes.of(args.isEmpty() ? "quick" : args.get(0));
        String url = option(args, "--url").orElse("http://localhost:8080/");
        String organizer = option(args, "--organizer").orElse(null);
        String user = organizer == null ? "organizer" : organizer.substring(0, organizer.indexOf(':'));
        String password = organizer == null ? defaultOrganizerPassword : organizer.substring(organizer.indexOf(':') + 1);
        Suite.Target target = new Suite.Target(URI.create(url.endsWith("/") ? url : url + "/"), user, password,
                option(args, "--db").orElse("jdbc:postgresql://localhost:54329/postgres"), "postgres", "postgres");
        Set<String> only = new LinkedHashSet<>();
        option(args, "--only").ifPresent(names -> only.addAll(Arrays.asList(names.split(","))));
        ArrayNode results = run(sizes, target, only, args.contains("--control"));
        ObjectNode all = new ObjectMapper().createObjectNode();
        all.put("drills", sizes.mode());
        all.put("date", Instant.now().toString());
        all.set("machine", new ObjectMapper().readTree("{" + Machine.json() + "}"));
        all.set("results", results);
        boolean passed = true;
        for (JsonNode result : results) {
            passed &= result.path("passed").asBoolean();
        }
        all.put("passed", passed);
        Optional<String> out = option(args, "--out");
        if (out.isPresent()) {
            Path file = Path.of(out.get());
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, all.toPrettyString() + System.lineSeparator());
        }
        System.out.println("{\"drills\": \"" + sizes.mode() + "\", \"passed\": " + passed + "}");
        return passed ? 0 : 1;
    }

    private static Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Optional.of(args.get(at + 1)) : Optional.empty();
    }

    @FunctionalInterface
    private interface Drill {
        ObjectNode run(Drills drills) throws Exception;
    }

    private ObjectNode guarded(String name, Drill drill) {
        long start = System.nanoTime();
        ObjectNode result;
        try {
            result = drill.run(this);
        } catch (Exception e) {
            result = json.createObjectNode();
            result.putArray("failures").add("the drill stopped: " + e);
            e.printStackTrace();
        }
        ObjectNode out = json.createObjectNode();
        out.put("drill", name);
        out.put("mode", sizes.mode());
        ArrayNode failures = result.has("failures") ? (ArrayNode) result.get("failures") : json.createArrayNode();
        out.put("passed", failures.isEmpty());
        out.put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        result.remove("failures");
        out.setAll(result);
        out.set("failures", failures);
        return out;
    }

    // ================================================================ 1. races

    private ObjectNode races() throws Exception {
        ObjectNode result = json.createObjectNode();
        ArrayNode failures = result.putArray("failures");
        result.set("casts", castRace(failures));
        result.set("registrations", registrationRace(failures));
        return result;
    }

    /** Every voter casts {@code castsPerVoter} times at once; ten voters at a time. */
    private ObjectNode castRace(ArrayNode failures) throws Exception {
        int voters = sizes.raceVoters();
        int each = sizes.castsPerVoter();
        CastLoad.Voting voting = CastLoad.openVoting(target, voters, 20, Duration.ofMinutes(30));
        List<String> phones = new ArrayList<>(voting.credentials.keySet());
        Map<String, String> codes = codes(voting, phones);

        int perWave = 10;
        ExecutorService pool = Executors.newFixedThreadPool(perWave * each);
        Map<String, List<String>> receipts = new ConcurrentHashMap<>();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
        SplittableRandom random = new SplittableRandom(5);
        long start = System.nanoTime();
        try {
            for (int from = 0; from < phones.size(); from += perWave) {
                List<String> wave = phones.subList(from, Math.min(phones.size(), from + perWave));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> running = new ArrayList<>();
                for (String phone : wave) {
                    for (int i = 0; i < each; i++) {
                        String body = json.writeValueAsString(Map.of("credential", voting.credentials.get(phone),
                                "code", codes.getOrDefault(phone, "000000"), "grades", grades(random, 5)));
                        running.add(pool.submit(() -> {
                            go.await();
                            HttpResponse<String> answer = send("POST", "api/elections/" + voting.election + "/ballots",
                                    body, null);
                            int status = answer == null ? -1 : answer.statusCode();
                            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                            if (status == 201) {
                                Matcher receipt = RECEIPT.matcher(answer.body());
                                receipts.computeIfAbsent(phone, p -> Collections.synchronizedList(new ArrayList<>()))
                                        .add(receipt.find() ? receipt.group(1) : "none");
                            } else {
                                String problem = problemDefect(answer, false);
                                if (problem != null) {
                                    bad.add(problem);
                                }
                            }
                            return null;
                        }));
                    }
                }
                go.countDown();
                for (Future<?> task : running) {
                    task.get(2, TimeUnit.MINUTES);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long oneEach = receipts.values().stream().filter(r -> r.size() == 1).count();
        long moreThanOne = receipts.values().stream().filter(r -> r.size() > 1).count();
        List<String> all = receipts.values().stream().flatMap(List::stream).toList();
        long found = inBox(voting, all);
        long ballots = ballots(voting);
        long marks = marks(voting.election);
        ObjectNode out = json.createObjectNode();
        out.put("election", voting.election);
        out.put("voters", voters);
        out.put("castsPerVoter", each);
        out.put("requests", (long) voters * each);
        out.put("concurrentRequests", perWave * each);
        out.put("seconds", round(seconds));
        out.set("statuses", statusJson(statuses));
        out.put("votersWithOneReceipt", oneEach);
        out.put("votersWithSeveralReceipts", moreThanOne);
        out.put("receiptsFoundInBox", found);
        out.put("ballots", ballots);
        out.put("marks", marks);
        out.put("badRefusals", bad.size());
        bad.stream().limit(3).forEach(out.putArray("badRefusalExamples")::add);
        expect(failures, oneEach == voters && moreThanOne == 0, "casts: " + oneEach + " of " + voters
                + " voters got exactly one receipt, " + moreThanOne + " got several");
        expect(failures, found == all.size(), "casts: " + found + " of " + all.size() + " receipts are in the box");
        expect(failures, ballots == voters && marks == voters, "casts: " + ballots + " ballots and " + marks
                + " marks for " + voters + " voters");
        expect(failures, bad.isEmpty(), "casts: " + bad.size() + " refusals were not a 4xx problem+json: " + bad.peek());
        expect(failures, count(statuses, 201) + count4xx(statuses) == (long) voters * each,
                "casts: answers other than 201 and 4xx: " + statuses);
        return out;
    }

    /**
     * Registrations racing: {@code raceGroups} races of {@code raceAttempts} with one phone written
     * differently, as many with one mailbox written differently, and as many card checks with one card.
     */
    private ObjectNode registrationRace(ArrayNode failures) throws Exception {
        int groups = sizes.raceGroups();
        ObjectNode out = json.createObjectNode();
        String contacts = election("Drill races " + tag, List.of("PHONE", "EMAIL"));
        String cards = election("Drill cards " + tag, List.of("CARD"));
        Instant since = Instant.now().minusSeconds(5);

        // one phone, written in four ways, each attempt with a mailbox of its own
        List<List<String>> phoneRaces = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String digits = String.format(Locale.ROOT, "68%03d%04d", (offset + g) % 1000, (offset * 7 + g) % 10_000);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < sizes.raceAttempts(); i++) {
                String phone = switch (i % 4) {
                    case 0 -> "+33" + digits;
                    case 1 -> "0" + digits;
                    case 2 -> "0" + digits.charAt(0) + " " + pairs(digits.substring(1));
                    default -> "+33 " + digits.charAt(0) + " " + pairs(digits.substring(1));
                };
                bodies.add(registrant(phone, "p" + i + "@p" + g + "-" + i + "-" + tag + ".example.org"));
            }
            phoneRaces.add(bodies);
        }
        // one mailbox, written differently (case; and, where the provider ignores them, dots and +tags)
        List<List<String>> emailRaces = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < sizes.emailAttempts(); i++) {
                String phone = String.format(Locale.ROOT, "+3366%03d%04d", (offset + g * sizes.emailAttempts() + i) % 1000,
                        (offset * 3 + g) % 10_000);
                String email = sizes.mode().equals("smoke")
                        ? caseVariant("camille.durand@m" + g + "-" + tag + ".example.org", i)
                        : gmailVariant("drill" + tag + "g" + g, i);
                bodies.add(registrant(phone, email));
            }
            emailRaces.add(bodies);
        }
        ObjectNode phone = race(contacts, phoneRaces, failures, "same phone");
        ObjectNode email = race(contacts, emailRaces, failures, "same mailbox");
        out.set("samePhone", phone);
        out.set("sameMailbox", email);
        out.set("sameCard", cardRace(cards, failures));

        long expected = 2L * groups;
        long rows = registrants(contacts);
        JsonNode ledger = json.readTree(send("GET", "api/elections/" + contacts + "/roll/changes?from=" + since
                + "&to=" + Instant.now().plusSeconds(5), null, null).body());
        JsonNode kinds = ledger.path("entriesByKind");
        long attempts = (long) groups * (sizes.raceAttempts() + sizes.emailAttempts());
        out.put("registrantRows", rows);
        out.set("ledger", kinds);
        expect(failures, rows == expected, "registrations: " + rows + " registrant rows for " + expected + " races");
        expect(failures, kinds.path("REGISTERED").asLong() == expected
                && kinds.path("REFUSED_DUPLICATE").asLong() == attempts - expected,
                "registrations: the ledger holds " + kinds + " for " + expected + " winners of " + attempts + " attempts");
        return out;
    }

    /** Each group's attempts at once; exactly one 201, the others the same neutral 409. */
    private ObjectNode race(String election, List<List<String>> groups, ArrayNode failures, String what) throws Exception {
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Set<String> reasons = ConcurrentHashMap.newKeySet();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        long winners = 0;
        for (List<String> group : groups) {
            List<HttpResponse<String>> answers = atOnce(group.stream().map(body -> (Call) () -> send("POST",
                    "api/elections/" + election + "/registrants", body, null)).toList());
            int won = 0;
            for (HttpResponse<String> answer : answers) {
                int status = answer == null ? -1 : answer.statusCode();
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                if (status == 201) {
                    won++;
                } else if (status == 409) {
                    reasons.add(json.readTree(answer.body()).path("reason").asText());
                }
                if (status != 201) {
                    String defect = problemDefect(answer, true);
                    if (defect != null) {
                        wrong.add(defect);
                    }
                }
            }
            winners += won == 1 ? 1 : 0;
        }
        ObjectNode out = json.createObjectNode();
        out.put("races", groups.size());
        out.put("attemptsEach", groups.get(0).size());
        out.put("racesWithOneWinner", winners);
        out.set("statuses", statusJson(statuses));
        ArrayNode texts = out.putArray("refusalReasons");
        reasons.forEach(texts::add);
        expect(failures, winners == groups.size(), what + ": " + winners + " of " + groups.size()
                + " races had exactly one winner: " + statuses);
        expect(failures, wrong.isEmpty(), what + ": refusals that were not a 409 problem+json: " + wrong);
        expect(failures, reasons.size() <= 1, what + ": the refusals differ (" + reasons + "): they must be neutral");
        return out;
    }

    /** Each group registers its citizens, starts their card steps, then checks one card for all at once. */
    private ObjectNode cardRace(String election, ArrayNode failures) throws Exception {
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Set<String> reasons = ConcurrentHashMap.newKeySet();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        long winners = 0;
        for (int g = 0; g < sizes.raceGroups(); g++) {
            List<Call> checks = new ArrayList<>();
            String card = String.format(Locale.ROOT, "4000 0000 %04d %04d", (offset + g) % 10_000, g);
            for (int i = 0; i < sizes.raceAttempts(); i++) {
                JsonNode registered = json.readTree(expect(send("POST", "api/elections/" + election + "/registrants",
                        registrant(null, null), null), 201).body());
                String id = registered.get("id").asText();
                String bearer = "Bearer " + registered.get("resumeToken").asText();
                String setup = json.readTree(expect(send("POST", "api/registrants/" + id + "/card/setup", "", bearer),
                        200).body()).get("setupId").asText();
                String written = switch (i % 3) {
                    case 0 -> card;
                    case 1 -> card.replace(' ', '-');
                    default -> card.replace(" ", "");
                };
                String body = json.writeValueAsString(Map.of("setupId", setup, "demoCard", written));
                checks.add(() -> send("POST", "api/registrants/" + id + "/card/verify", body, bearer));
            }
            int won = 0;
            for (HttpResponse<String> answer : atOnce(checks)) {
                int status = answer == null ? -1 : answer.statusCode();
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                if (status == 200) {
                    won++;
                } else {
                    if (status == 409) {
                        reasons.add(json.readTree(answer.body()).path("reason").asText());
                    }
                    String defect = problemDefect(answer, true);
                    if (defect != null) {
                        wrong.add(defect);
                    }
                }
            }
            winners += won == 1 ? 1 : 0;
        }
        long onRoll = json.readTree(send("GET", "api/elections/" + election + "/roll", null, null).body()).path("onRoll")
                .asLong();
        long withCard = cardHolders(election);
        ObjectNode out = json.createObjectNode();
        out.put("races", sizes.raceGroups());
        out.put("attemptsEach", sizes.raceAttempts());
        out.put("racesWithOneWinner", winners);
        out.set("statuses", statusJson(statuses));
        ArrayNode texts = out.putArray("refusalReasons");
        reasons.forEach(texts::add);
        out.put("onRoll", onRoll);
        out.put("registrantsWithACard", withCard);
        expect(failures, winners == sizes.raceGroups(), "same card: " + winners + " of " + sizes.raceGroups()
                + " races had exactly one winner: " + statuses);
        expect(failures, wrong.isEmpty(), "same card: refusals that were not a 409 problem+json: " + wrong);
        expect(failures, reasons.size() <= 1, "same card: the refusals differ: " + reasons);
        expect(failures, onRoll == sizes.raceGroups() && withCard == sizes.raceGroups(), "same card: " + onRoll
                + " on the roll and " + withCard + " registrants holding a card for " + sizes.raceGroups() + " cards");
        return out;
    }

    // ================================================================ 2. crash

    private ObjectNode crash() throws Exception {
        ObjectNode out = json.createObjectNode();
        ArrayNode failures = out.putArray("failures");
        Platform platform = new Platform(target.base(), target.dbUrl());
        int voters = sizes.crashVoters();
        Duration votingLength = Duration.ofSeconds(sizes.mode().equals("full") ? 240 : 180);
        CastLoad.Voting voting = CastLoad.openVoting(target, voters, 30, votingLength);
        Instant closes = Instant.now().plus(votingLength);
        out.put("election", voting.election);
        out.put("voters", voters);
        List<String> phones = new ArrayList<>(voting.credentials.keySet());
        Map<String, String> bodies = ballots(voting, phones, codes(voting, phones));

        Platform.Domain domain = platform.domain();
        out.put("payaraPid", domain.pid());
        Map<String, String> receipts = new ConcurrentHashMap<>(); // phone -> receipt
        Map<Integer, LongAdder> before = new ConcurrentHashMap<>();
        AtomicLong accepted = new AtomicLong();
        long killAt = voters / 3;
        CountDownLatch reached = new CountDownLatch(1);
        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<Long> killed = killer.submit(() -> {
            reached.await(3, TimeUnit.MINUTES);
            Platform.kill(domain);
            return accepted.get();
        });
        long start = System.nanoTime();
        parallel(phones, 32, phone -> {
            HttpResponse<String> answer = send("POST", "api/elections/" + voting.election + "/ballots", bodies.get(phone),
                    null);
            int status = answer == null ? -1 : answer.statusCode();
            before.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status == 201) {
                receipt(answer).ifPresent(r -> receipts.put(phone, r));
                if (accepted.incrementAndGet() >= killAt) {
                    reached.countDown();
                }
            }
        });
        long acceptedWhenKilled = killed.get(4, TimeUnit.MINUTES);
        killer.shutdown();
        double castSeconds = (System.nanoTime() - start) / 1e9;
        out.put("acceptedWhenKilled", acceptedWhenKilled);
        out.set("statusesBeforeRestart", statusJson(before));
        out.put("castSecondsUntilEveryClientStopped", round(castSeconds));

        double restart = platform.restart(domain, Duration.ofMinutes(5));
        out.put("restartSeconds", round(restart));
        out.put("payaraPidAfter", platform.domain().pid());

        // the voters without an answer cast again, with the same code
        long ballots = castAgainAndCheckTheBox(voting, phones, bodies, receipts, voters, "statusesAfterRestart", out,
                failures);
        out.set("outbox", outbox(voting.election, voters, failures));

        voting.waitForState("CLOSED", closes.plusSeconds(60));
        countAndVerify(voting, ballots, out, failures);
        return out;
    }

    /**
     * The voters without a receipt cast again with the same code (a 201, or a 409 on {@code credential}
     * when their first cast was committed and its answer lost), then the box is checked: every receipt
     * returned is in it, ballots = marks = voters. Returns the ballots in the box.
     */
    private long castAgainAndCheckTheBox(CastLoad.Voting voting, List<String> phones, Map<String, String> bodies,
            Map<String, String> receipts, int voters, String statusesKey, ObjectNode out, ArrayNode failures)
            throws Exception {
        List<String> again = phones.stream().filter(p -> !receipts.containsKey(p)).toList();
        Map<Integer, LongAdder> after = new ConcurrentHashMap<>();
        Set<String> alreadyVoted = ConcurrentHashMap.newKeySet();
        List<String> odd = Collections.synchronizedList(new ArrayList<>());
        parallel(again, 16, phone -> {
            HttpResponse<String> answer = send("POST", "api/elections/" + voting.election + "/ballots", bodies.get(phone),
                    null);
            int status = answer == null ? -1 : answer.statusCode();
            after.computeIfAbsent(status, st -> new LongAdder()).increment();
            if (status == 201) {
                receipt(answer).ifPresent(r -> receipts.put(phone, r));
            } else if (status == 409 && answer.body().contains("\"credential\"")) {
                alreadyVoted.add(phone); // its first cast was committed, its answer lost (a crash, a dead instance)
            } else {
                odd.add(status + " " + (answer == null ? "" : answer.body()));
            }
        });
        out.put("votersCastingAgain", again.size());
        out.set(statusesKey, statusJson(after));
        out.put("votersToldTheyHadVoted", alreadyVoted.size());

        long ballots = ballots(voting);
        long marks = marks(voting.election);
        long found = inBox(voting, new ArrayList<>(receipts.values()));
        out.put("receiptsReceived", receipts.size());
        out.put("receiptsFoundInBox", found);
        out.put("ballots", ballots);
        out.put("marks", marks);
        expect(failures, found == receipts.size(), found + " of the " + receipts.size()
                + " receipts voters received are in the box");
        expect(failures, ballots == marks, ballots + " ballots but " + marks + " marks");
        expect(failures, ballots == voters && receipts.size() + alreadyVoted.size() == voters, ballots + " ballots, "
                + receipts.size() + " receipts and " + alreadyVoted.size() + " 'has voted' for " + voters + " voters");
        expect(failures, odd.isEmpty(), "casting again answered otherwise: " + odd.stream().limit(3).toList());
        return ballots;
    }

    // ================================================================ cluster

    /** Instance i of scripts/cluster.sh listens on 28000 + 100 i + 80 (launcher's ClusterPorts). */
    private static URI instance(int i) {
        return URI.create("http://127.0.0.1:" + (28000 + 100 * i + 80) + "/");
    }

    private ObjectNode cluster() throws Exception {
        ObjectNode out = json.createObjectNode();
        ArrayNode failures = out.putArray("failures");
        int voters = sizes.crashVoters();
        int refusalLimit = Integer.getInteger("drills.cluster.refusals", 50);
        Duration checkpointPeriod = Duration.ofSeconds(Long.getLong("drills.cluster.checkpoint-seconds", 2));
        Duration votingLength = Duration.ofSeconds(sizes.mode().equals("full") ? 240 : 180);
        CastLoad.Voting voting = CastLoad.openVoting(target, voters, 30, votingLength);
        Instant closes = Instant.now().plus(votingLength);
        out.put("election", voting.election);
        out.put("voters", voters);
        List<String> phones = new ArrayList<>(voting.credentials.keySet());
        Map<String, String> bodies = ballots(voting, phones, codes(voting, phones));

        // 1. one budget: wrong casts from one address, straight to instance 1 and 2 in turn
        String address = "203.0.113." + (1 + new SplittableRandom().nextInt(254));
        String wrong = bodies.get(phones.get(0)).replaceFirst("\"credential\"\\s*:\\s*\"[^\"]*\"",
                "\"credential\":\"" + "x".repeat(20) + tag + "\"");
        Map<Integer, LongAdder> limitStatuses = new TreeMap<>();
        int refusedBeforeLimit = 0;
        boolean limited = false;
        boolean retryAfter = true;
        Set<Integer> limitedBy = new java.util.TreeSet<>();
        for (int k = 0; k < refusalLimit + 10; k++) {
            int at = 1 + k % 2;
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(instance(at).resolve("api/elections/"
                    + voting.election + "/ballots")).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(wrong)).build(),
                    HttpResponse.BodyHandlers.ofString());
            limitStatuses.computeIfAbsent(answer.statusCode(), st -> new LongAdder()).increment();
            if (answer.statusCode() == 429) {
                limited = true;
                limitedBy.add(at);
                retryAfter &= answer.headers().firstValue("Retry-After").isPresent()
                        && answer.body().contains("\"address\"");
            } else if (!limited) {
                refusedBeforeLimit++;
            }
        }
        ObjectNode limits = out.putObject("sharedLimit");
        limits.put("address", address);
        limits.put("configuredRefusalsPerHour", refusalLimit);
        limits.put("refusedBeforeTheLimit", refusedBeforeLimit);
        limits.set("statuses", statusJson(limitStatuses));
        limits.put("instancesAnswering429", limitedBy.toString());
        expect(failures, refusedBeforeLimit == refusalLimit, refusedBeforeLimit + " wrong casts were answered before"
                + " the limit over two instances, not the " + refusalLimit + " of the one shared budget");
        expect(failures, limitedBy.size() == 2, "only instance(s) " + limitedBy + " answered 429 once the budget was spent");
        expect(failures, retryAfter, "a 429 came without Retry-After or without naming the address");

        // 2. a console session opened on one instance serves on the other, and through the balancer on both
        ObjectNode console = out.putObject("consoleSession");
        String consoleCookie = consoleSignedInAcrossInstances(console, failures);

        // 3. kill -9 of instance 2 while casting through the balancer, the casts spread over a span so that both
        // instances' clocks tick through several checkpoint periods before the kill
        Duration span = Duration.ofSeconds(sizes.mode().equals("full") ? 40 : 20);
        long victim = Platform.listener(28000 + 200 + 80);
        out.put("killedPid", victim);
        Map<String, String> receipts = new ConcurrentHashMap<>();
        Map<Integer, LongAdder> before = new ConcurrentHashMap<>();
        AtomicLong accepted = new AtomicLong();
        long killAt = voters * 2L / 3;
        CountDownLatch reached = new CountDownLatch(1);
        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<Long> killed = killer.submit(() -> {
            reached.await(3, TimeUnit.MINUTES);
            ProcessHandle handle = ProcessHandle.of(victim).orElseThrow(() -> new IOException("no process " + victim));
            handle.destroyForcibly();
            handle.onExit().get(30, TimeUnit.SECONDS);
            return accepted.get();
        });
        long start = System.nanoTime();
        paced(phones, span, 32, phone -> {
            HttpResponse<String> answer = send("POST", "api/elections/" + voting.election + "/ballots", bodies.get(phone), null);
            int status = answer == null ? -1 : answer.statusCode();
            before.computeIfAbsent(status, st -> new LongAdder()).increment();
            if (status == 201) {
                receipt(answer).ifPresent(r -> receipts.put(phone, r));
                if (accepted.incrementAndGet() >= killAt) {
                    reached.countDown();
                }
            }
        });
        long acceptedWhenKilled = killed.get(4, TimeUnit.MINUTES);
        killer.shutdown();
        out.put("acceptedWhenKilled", acceptedWhenKilled);
        out.put("castSeconds", round((System.nanoTime() - start) / 1e9));
        out.set("statusesThroughTheBalancer", statusJson(before));

        consoleOutlivesItsInstance(consoleCookie, console, failures);

        long ballots = castAgainAndCheckTheBox(voting, phones, bodies, receipts, voters, "statusesCastingAgain", out,
                failures);
        out.set("outbox", outbox(voting.election, voters, failures));

        voting.waitForState("CLOSED", closes.plusSeconds(60));
        // 4. one checkpoint per period, although every instance's clock ticked (the first, at the opening,
        // and the last, at the close, are made whenever those happen)
        List<Instant> made = new ArrayList<>();
        try (Connection db = db(); PreparedStatement select = db.prepareStatement(
                "SELECT made_at FROM voting.box_checkpoint WHERE election_id = ? ORDER BY ballots")) {
            select.setString(1, voting.election);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    made.add(rows.getTimestamp(1).toInstant());
                }
            }
        }
        Duration shortest = null;
        for (int i = 2; i < made.size() - 1; i++) {
            Duration gap = Duration.between(made.get(i - 1), made.get(i));
            shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
        }
        out.put("checkpoints", made.size());
        out.put("castSpanSeconds", span.toSeconds());
        out.put("shortestGapBetweenPeriodicCheckpointsSeconds", shortest == null ? -1 : round(shortest.toMillis() / 1000.0));
        expect(failures, made.size() >= 5, "only " + made.size() + " checkpoints: the periods were not exercised");
        expect(failures, shortest == null || shortest.toMillis() >= checkpointPeriod.toMillis() * 9 / 10 - 50,
                "two periodic checkpoints " + shortest + " apart, less than the period " + checkpointPeriod);
        countAndVerify(voting, ballots, out, failures);
        return out;
    }

    /**
     * A console account (an auditor) signs in with its password on instance 1 and confirms its second
     * factor on instance 2, which opens the signed-in session there; the cookie then reads the console
     * on each instance directly, and through the balancer, which spreads the console over both.
     *
     * @return the session's cookie ({@code OPENPRIMARY_CONSOLE=token})
     */
    private String consoleSignedInAcrossInstances(ObjectNode out, ArrayNode failures) throws Exception {
        String name = "drill-auditor-" + tag;
        HttpResponse<String> created = expect(send("POST", "admin/api/accounts", json.writeValueAsString(
                Map.of("username", name, "roles", List.of("AUDITOR"))), organizer), 201);
        String given = json.readTree(created.body()).get("password").asText();
        HttpResponse<String> enrolling = expect(direct(1, "POST", "admin/api/session", json.writeValueAsString(
                Map.of("username", name, "password", given)), null), 200);
        String secret = json.readTree(enrolling.body()).get("enrolment").get("secret").asText();
        String code = org.openprimary.voting.control.SecondFactors.code(secret,
                org.openprimary.voting.control.SecondFactors.step(Instant.now()));
        HttpResponse<String> confirmed = expect(direct(2, "POST", "admin/api/session/totp", json.writeValueAsString(
                Map.of("code", code, "newPassword", "drill-password-" + tag)), cookie(enrolling)), 200);
        String cookie = cookie(confirmed);
        out.put("account", name);
        for (int i = 1; i <= 2; i++) {
            HttpResponse<String> who = direct(i, "GET", "admin/api/session", null, cookie);
            boolean signedIn = who != null && who.statusCode() == 200 && who.body().contains("\"" + name + "\"");
            out.put("signedInOnInstance" + i, signedIn);
            expect(failures, signedIn, "the session opened on instance 2 is not signed in on instance " + i + ": "
                    + (who == null ? "no answer" : who.statusCode() + " " + who.body()));
        }
        Set<String> served = new java.util.TreeSet<>();
        int refused = 0;
        for (int k = 0; k < 12; k++) {
            HttpResponse<String> answer = console("admin/api/elections", cookie);
            if (answer == null || answer.statusCode() != 200) {
                refused++;
            } else {
                answer.headers().firstValue("X-OpenPrimary-Instance").ifPresent(served::add);
            }
        }
        out.put("consoleCallsRefusedThroughTheBalancer", refused);
        out.put("instancesServingTheConsole", served.toString());
        expect(failures, refused == 0, refused + " of 12 console calls through the balancer were refused");
        expect(failures, served.size() == 2, "the balancer sent the console to " + served + ", not to both instances");
        return cookie;
    }

    /** Instance 2, which opened the session, is dead: the same cookie goes on through the balancer, then signs out. */
    private void consoleOutlivesItsInstance(String cookie, ObjectNode out, ArrayNode failures) throws Exception {
        HttpResponse<String> after = console("admin/api/session", cookie);
        String servedBy = after == null ? "" : after.headers().firstValue("X-OpenPrimary-Instance").orElse("");
        boolean served = after != null && after.statusCode() == 200 && servedBy.endsWith(":28180");
        out.put("signedInAfterItsInstanceDied", served);
        out.put("servedAfterTheKillBy", servedBy);
        expect(failures, served, "after the kill of instance 2 its console session was not served by instance 1: "
                + (after == null ? "no answer" : after.statusCode() + " from " + servedBy + " " + after.body()));
        HttpResponse<String> out1 = http.send(HttpRequest.newBuilder(target.base().resolve("admin/api/session"))
                .timeout(REQUEST_TIMEOUT).header("Cookie", cookie).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> afterSignOut = direct(1, "GET", "admin/api/elections", null, cookie);
        boolean ended = out1.statusCode() == 204 && afterSignOut != null && afterSignOut.statusCode() == 401;
        out.put("signedOutThroughTheBalancer", ended);
        expect(failures, ended, "signing out through the balancer did not end the session: " + out1.statusCode() + ", then "
                + (afterSignOut == null ? "no answer" : afterSignOut.statusCode()));
    }

    /** A console call through the balancer with the session's cookie. */
    private HttpResponse<String> console(String path, String cookie) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(target.base().resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json").header("Cookie", cookie).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    /** A call straight to instance i, with a console cookie or none. */
    private HttpResponse<String> direct(int i, String method, String path, String body, String cookie)
            throws InterruptedException {
        return send(instance(i).resolve(path), method, body, "Cookie", cookie);
    }

    /** {@code OPENPRIMARY_CONSOLE=token} from a sign-in's answer. */
    private static String cookie(HttpResponse<String> signedIn) throws IOException {
        String header = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("OPENPRIMARY_CONSOLE=")).findFirst()
                .orElseThrow(() -> new IOException("no console cookie in " + signedIn.headers()));
        return header.substring(0, header.indexOf(';'));
    }

    // ================================================================ 3. outage

    private ObjectNode outage() throws Exception {
        ObjectNode out = json.createObjectNode();
        ArrayNode failures = out.putArray("failures");
        Platform platform = new Platform(target.base(), target.dbUrl());
        int voters = sizes.outageVoters();
        Duration votingLength = Duration.ofSeconds(150);
        CastLoad.Voting voting = CastLoad.openVoting(target, voters, 30, votingLength);
        Instant closes = Instant.now().plus(votingLength);
        String registering = election("Drill outage " + tag, List.of("PHONE"));
        out.put("election", voting.election);
        out.put("voters", voters);
        out.put("registrationElection", registering);
        List<String> phones = new ArrayList<>(voting.credentials.keySet());
        Map<String, String> bodies = ballots(voting, phones, codes(voting, phones));
        List<String> citizens = new ArrayList<>();
        for (int i = 0; i < sizes.outageRegistrations(); i++) {
            citizens.add(String.format(Locale.ROOT, "+3367%03d%04d", i % 1000, (offset + i / 1000) % 10_000));
        }
        Platform.Postgres pg = platform.postgres();

        // the clients: paced so that they span the outage, each retrying a 503 after its Retry-After
        Outcomes casts = new Outcomes();
        Outcomes registrations = new Outcomes();
        Duration span = Duration.ofSeconds(24);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        Future<?> casting = clients.submit(() -> {
            paced(phones, span, 12, phone -> casts.retrying(() -> send("POST", "api/elections/" + voting.election
                    + "/ballots", bodies.get(phone), null), phone, 201));
            return null;
        });
        Future<?> registeringClients = clients.submit(() -> {
            paced(citizens, span, 6, phone -> registrations.retrying(() -> send("POST", "api/elections/" + registering
                    + "/registrants", registrant(phone, null), null), phone, 201));
            return null;
        });
        Thread.sleep(3000);
        Platform.stop(pg);
        double stoppedAt = (System.nanoTime() - start) / 1e9;
        Thread.sleep(10_000);
        platform.start(pg, target.dbUrl(), target.dbUser(), target.dbPassword());
        double startedAt = (System.nanoTime() - start) / 1e9;
        long back = System.nanoTime();
        double readyAfter;
        try {
            platform.waitReady(Duration.ofSeconds(90));
            readyAfter = (System.nanoTime() - back) / 1e9;
        } catch (IOException e) {
            readyAfter = -1;
            failures.add("the platform did not serve again within 90 s of PostgreSQL's start: " + e.getMessage());
        }
        casting.get(5, TimeUnit.MINUTES);
        registeringClients.get(5, TimeUnit.MINUTES);
        clients.shutdown();
        out.put("postgresStoppedAtSecond", round(stoppedAt));
        out.put("postgresStartedAtSecond", round(startedAt));
        out.put("readySecondsAfterPostgresStarted", round(readyAfter));
        out.set("casts", casts.json());
        out.set("registrations", registrations.json());
        casts.judge("casts", voters, failures);
        registrations.judge("registrations", citizens.size(), failures);
        expect(failures, casts.count(503) + registrations.count(503) > 0,
                "no request was answered 503: the outage was not exercised");

        long ballots = ballots(voting);
        long marks = marks(voting.election);
        long found = inBox(voting, new ArrayList<>(casts.receipts.values()));
        out.put("ballots", ballots);
        out.put("marks", marks);
        out.put("receiptsFoundInBox", found);
        expect(failures, ballots == marks, ballots + " ballots but " + marks + " marks");
        expect(failures, ballots == voters && casts.receipts.size() + casts.ambiguous.size() == voters, ballots
                + " ballots, " + casts.receipts.size() + " receipts, " + casts.ambiguous.size() + " 'has voted' for "
                + voters + " voters");
        expect(failures, found == casts.receipts.size(), found + " of " + casts.receipts.size() + " receipts in the box");
        long rows = registrants(registering);
        JsonNode kinds = json.readTree(send("GET", "api/elections/" + registering + "/roll/changes?from="
                + Instant.now().minus(Duration.ofHours(1)) + "&to=" + Instant.now().plusSeconds(5), null, null).body())
                .path("entriesByKind");
        out.put("registrantRows", rows);
        out.set("registrationLedger", kinds);
        expect(failures, rows == citizens.size() && kinds.path("REGISTERED").asLong() == rows, rows
                + " registrant rows and " + kinds + " in the ledger for " + citizens.size() + " citizens");

        voting.waitForState("CLOSED", closes.plusSeconds(60));
        countAndVerify(voting, ballots, out, failures);
        return out;
    }

    /** What a client saw over an outage: every answer's status, and whether each item finally went through. */
    private final class Outcomes {

        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final Map<String, String> receipts = new ConcurrentHashMap<>();
        final Set<String> succeeded = ConcurrentHashMap.newKeySet();
        /** Refused as done already after an unanswered or 503 attempt: the first attempt had been committed. */
        final Set<String> ambiguous = ConcurrentHashMap.newKeySet();
        final List<String> defects = Collections.synchronizedList(new ArrayList<>());
        final List<String> gaveUp = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong maxMillis = new AtomicLong();

        void retrying(Call call, String item, int success) throws Exception {
            Instant deadline = Instant.now().plusSeconds(90);
            boolean retried = false;
            while (Instant.now().isBefore(deadline)) {
                long begin = System.nanoTime();
                HttpResponse<String> answer = call.call();
                maxMillis.accumulateAndGet((System.nanoTime() - begin) / 1_000_000, Math::max);
                int status = answer == null ? -1 : answer.statusCode();
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                if (status == success) {
                    succeeded.add(item);
                    receipt(answer).ifPresent(r -> receipts.put(item, r));
                    return;
                }
                if (status == 409 && retried) {
                    ambiguous.add(item);
                    return;
                }
                if (status == 503) {
                    String retryAfter = answer.headers().firstValue("Retry-After").orElse(null);
                    String defect = problemDefect(answer, false);
                    if (retryAfter == null || !retryAfter.matches("\\d+")) {
                        defects.add("503 without a Retry-After in seconds: " + answer.body());
                    } else if (defect != null) {
                        defects.add(defect);
                    }
                    retried = true;
                    Thread.sleep(Math.min(5, retryAfter == null || !retryAfter.matches("\\d+") ? 1
                            : Long.parseLong(retryAfter)) * 1000L);
                    continue;
                }
                defects.add(status + " " + (answer == null ? "(no answer within " + REQUEST_TIMEOUT.toSeconds()
                        + " s, or the connection failed)" : answer.body()));
                if (status == -1) {
                    retried = true;
                    Thread.sleep(1000);
                    continue;
                }
                return;
            }
            gaveUp.add(item);
        }

        long count(int status) {
            return statuses.getOrDefault(status, new LongAdder()).sum();
        }

        ObjectNode json() {
            ObjectNode out = json.createObjectNode();
            out.set("statuses", statusJson(statuses));
            out.put("succeeded", succeeded.size());
            out.put("refusedAsDoneAfterARetry", ambiguous.size());
            out.put("gaveUp", gaveUp.size());
            out.put("maxMillis", maxMillis.get());
            out.put("defects", defects.size());
            defects.stream().limit(3).forEach(out.putArray("defectExamples")::add);
            return out;
        }

        void judge(String what, int items, ArrayNode failures) {
            expect(failures, defects.isEmpty(), what + ": " + defects.size() + " answers were neither a success nor a"
                    + " 503 problem+json with Retry-After: " + defects.stream().limit(3).toList());
            expect(failures, succeeded.size() + ambiguous.size() == items && gaveUp.isEmpty(), what + ": "
                    + succeeded.size() + " went through and " + ambiguous.size() + " were found done, of " + items
                    + "; " + gaveUp.size() + " gave up");
        }
    }

    // ================================================================ shared checks

    /** After the close: the count (it audits the box: every link, checkpoint, signature), then tally verify. */
    private void countAndVerify(CastLoad.Voting voting, long ballots, ObjectNode out, ArrayNode failures) throws Exception {
        long t = System.nanoTime();
        String count = voting.count(Duration.ofMinutes(5));
        out.put("count", count);
        out.put("countSeconds", round((System.nanoTime() - t) / 1e9));
        if (!count.equals("DONE")) {
            failures.add("the count did not pass: " + count);
            return;
        }
        byte[] record = voting.publishAndRecord();
        RecordReport report = RecordVerifier.verify(new ByteArrayInputStream(record));
        out.put("recordVerified", report.verified());
        out.put("recordChecksFailed", report.failed());
        JsonNode result = json.readTree(send("GET", "api/elections/" + voting.election + "/result", null, null).body());
        out.put("resultBallots", result.path("ballots").asLong());
        expect(failures, report.verified(), "tally verify: " + report.text());
        expect(failures, result.path("ballots").asLong() == ballots, "the result counts " + result.path("ballots")
                + " ballots, the box held " + ballots);
    }

    /** The election's messages in the outbox: one voting link per voter, none doubled, none dead. */
    private ObjectNode outbox(String election, int voters, ArrayNode failures) throws SQLException {
        ObjectNode out = json.createObjectNode();
        try (Connection db = db(); PreparedStatement select = db.prepareStatement("SELECT template, channel, status,"
                + " count(*), count(DISTINCT recipient), count(DISTINCT idempotency_key) FROM notifications.outbox"
                + " WHERE parameters || ' ' || COALESCE(rendered_text, '') LIKE ? GROUP BY template, channel, status"
                + " ORDER BY 1, 2, 3")) {
            select.setString(1, "%" + election + "%");
            long links = 0;
            long linkRecipients = 0;
            long dead = 0;
            ArrayNode rows = out.putArray("rows");
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + ": " + row.getLong(4));
                    if (row.getString(1).equals("voting.opened") && row.getString(2).equals("SMS")) {
                        links += row.getLong(4);
                        linkRecipients += row.getLong(5);
                    }
                    dead += row.getString(3).equals("DEAD") ? row.getLong(4) : 0;
                }
            }
            long doubled;
            try (PreparedStatement dups = db.prepareStatement("SELECT count(*) FROM (SELECT template, channel, recipient"
                    + " FROM notifications.outbox WHERE parameters || ' ' || COALESCE(rendered_text, '') LIKE ?"
                    + " GROUP BY template, channel, recipient, parameters || ' ' || COALESCE(rendered_text, '')"
                    + " HAVING count(*) > 1) d")) {
                dups.setString(1, "%" + election + "%");
                try (ResultSet row = dups.executeQuery()) {
                    row.next();
                    doubled = row.getLong(1);
                }
            }
            out.put("votingLinks", links);
            out.put("doubled", doubled);
            out.put("dead", dead);
            expect(failures, links == voters && linkRecipients == voters, "outbox: " + links + " voting links to "
                    + linkRecipients + " numbers for " + voters + " voters");
            expect(failures, doubled == 0, "outbox: " + doubled + " messages queued twice");
            expect(failures, dead == 0, "outbox: " + dead + " messages dead");
        }
        return out;
    }

    // ================================================================ helpers

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> call() throws Exception;
    }

    @FunctionalInterface
    private interface Item {
        void run(String item) throws Exception;
    }

    /** The calls started at the same instant, one thread each; their answers in order. */
    private List<HttpResponse<String>> atOnce(List<Call> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (Call call : calls) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                out.add(answer.get(2, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every item once, by a fixed pool of workers. */
    private static void parallel(List<String> items, int workers, Item task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        task.run(items.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every item once, started at an even pace over {@code span}, by up to {@code workers} at a time. */
    private static void paced(List<String> items, Duration span, int workers, Item task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            long gap = span.toNanos() / Math.max(1, items.size());
            long start = System.nanoTime();
            for (int i = 0; i < items.size(); i++) {
                long wait = start + i * gap - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String item = items.get(i);
                running.add(pool.submit(() -> {
                    task.run(item);
                    return null;
                }));
            }
            for (Future<?> one : running) {
                one.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The answer, or null when none came within the timeout or the connection failed. */
    private HttpResponse<String> send(String method, String path, String body, String auth) throws InterruptedException {
        return send(target.base().resolve(path), method, body, "Authorization", auth);
    }

    /** The answer to one JSON call with one credential header (none when null), or null as above. */
    private HttpResponse<String> send(java.net.URI uri, String method, String body, String credentialHeader,
            String credential) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (credential != null) {
            request.header(credentialHeader, credential);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> answer, int status) throws IOException {
        if (answer == null || answer.statusCode() != status) {
            throw new IOException("expected " + status + ", got " + (answer == null ? "no answer"
                    : answer.statusCode() + " " + answer.body()));
        }
        return answer;
    }

    /**
     * What is wrong with a refusal: null when it is a 4xx (or, with {@code conflictOnly}, a 409)
     * {@code application/problem+json} with a status and a reason.
     */
    private String problemDefect(HttpResponse<String> answer, boolean conflictOnly) {
        if (answer == null) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s, or the connection failed";
        }
        int status = answer.statusCode();
        boolean statusOk = conflictOnly ? status == 409 : status >= 400 && status < 500 || status == 503;
        String type = answer.headers().firstValue("Content-Type").orElse("");
        try {
            JsonNode problem = json.readTree(answer.body());
            if (statusOk && type.startsWith("application/problem+json") && problem.path("status").asInt() == status
                    && problem.hasNonNull("reason")) {
                return null;
            }
        } catch (IOException e) {
            // not JSON: the defect below
        }
        String text = answer.body().length() > 200 ? answer.body().substring(0, 200) + "…" : answer.body();
        return status + " " + type + " " + text;
    }

    private String election(String title, List<String> factors) throws Exception {
        String id = json.readTree(expect(send("POST", "admin/api/elections", json.writeValueAsString(Map.of("title", title,
                "candidates", List.of("Alice", "Bruno"), "requiredFactors", factors)), organizer), 201).body())
                .get("id").asText();
        expect(send("POST", "admin/api/elections/" + id + "/open-registration", "", organizer), 200);
        return id;
    }

    private String registrant(String phone, String email) throws IOException {
        Map<String, String> body = new HashMap<>(Map.of("firstName", "Camille", "lastName", "Drill", "charterVersion", "1",
                "privacyVersion", "1", "language", "fr"));
        if (phone != null) {
            body.put("phone", phone);
        }
        if (email != null) {
            body.put("email", email);
        }
        return json.writeValueAsString(body);
    }

    private static String pairs(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 2) {
            out.append(i == 0 ? "" : " ").append(digits, i, Math.min(digits.length(), i + 2));
        }
        return out.toString();
    }

    private static String caseVariant(String email, int i) {
        return switch (i % 3) {
            case 0 -> email;
            case 1 -> email.toUpperCase(Locale.ROOT);
            default -> Character.toUpperCase(email.charAt(0)) + email.substring(1);
        };
    }

    /** One Gmail mailbox written ten ways: case, dots and +tags, which Gmail ignores. */
    private static String gmailVariant(String local, int i) {
        String dotted = local.charAt(0) + "." + local.substring(1);
        return switch (i % 5) {
            case 0 -> local + "@gmail.com";
            case 1 -> dotted + "@gmail.com";
            case 2 -> local + "+primaire" + i + "@gmail.com";
            case 3 -> local.toUpperCase(Locale.ROOT) + "@GMail.com";
            default -> dotted + "+" + i + "@googlemail.com";
        };
    }

    private List<String> grades(SplittableRandom random, int candidates) {
        List<String> grades = new ArrayList<>();
        for (int c = 0; c < candidates; c++) {
            grades.add(SCALE.get(random.nextInt(SCALE.size())));
        }
        return grades;
    }

    /** A voting code for every voter (asked over HTTP, read where the console stand-in keeps it). */
    private Map<String, String> codes(CastLoad.Voting voting, List<String> phones) throws Exception {
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        parallel(phones, 16, phone -> {
            HttpResponse<String> answer = voting.request("POST", "api/elections/" + voting.election + "/ballot/code",
                    json.writeValueAsString(Map.of("credential", voting.credentials.get(phone))), false);
            if (answer.statusCode() / 100 != 2) {
                failed.add(answer.statusCode() + " " + answer.body());
            }
        });
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " code requests failed: " + failed.get(0));
        }
        try (Connection db = db()) {
            return voting.codes(db, phones);
        }
    }

    private Map<String, String> ballots(CastLoad.Voting voting, List<String> phones, Map<String, String> codes)
            throws IOException {
        SplittableRandom random = new SplittableRandom(2027);
        Map<String, String> bodies = new HashMap<>();
        for (String phone : phones) {
            bodies.put(phone, json.writeValueAsString(Map.of("credential", voting.credentials.get(phone), "code",
                    codes.getOrDefault(phone, "000000"), "grades", grades(random, 5))));
        }
        return bodies;
    }

    private static Optional<String> receipt(HttpResponse<String> answer) {
        Matcher receipt = RECEIPT.matcher(answer.body());
        return receipt.find() ? Optional.of(receipt.group(1)) : Optional.empty();
    }

    /** How many of these receipts the public API finds in the box. */
    private long inBox(CastLoad.Voting voting, List<String> receipts) throws Exception {
        LongAdder found = new LongAdder();
        parallel(receipts, 16, receipt -> {
            HttpResponse<String> answer = send("GET", "api/elections/" + voting.election + "/receipts/" + receipt, null,
                    null);
            if (answer != null && answer.statusCode() == 200) {
                found.increment();
            }
        });
        return found.sum();
    }

    /** Ballots cast, as the public turnout says (the box and its intake). */
    private long ballots(CastLoad.Voting voting) throws Exception {
        return json.readTree(expect(send("GET", "api/elections/" + voting.election + "/turnout", null, null), 200).body())
                .get("ballots").asLong();
    }

    private long marks(String election) throws SQLException {
        return single("SELECT count(*) FROM voting.voter WHERE election_id = ? AND has_voted", election);
    }

    private long registrants(String election) throws SQLException {
        return single("SELECT count(*) FROM registration.registrant WHERE election_id = ?", election);
    }

    private long cardHolders(String election) throws SQLException {
        return single("SELECT count(*) FROM registration.registrant WHERE election_id = ? AND card_hash IS NOT NULL",
                election);
    }

    private long single(String sql, String election) throws SQLException {
        try (Connection db = db(); PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, election);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(target.dbUrl(), target.dbUser(), target.dbPassword());
    }

    private ObjectNode statusJson(Map<Integer, LongAdder> statuses) {
        ObjectNode out = json.createObjectNode();
        new TreeMap<>(statuses).forEach((status, n) -> out.put(String.valueOf(status), n.sum()));
        return out;
    }

    private static long count(Map<Integer, LongAdder> statuses, int status) {
        return statuses.getOrDefault(status, new LongAdder()).sum();
    }

    private static long count4xx(Map<Integer, LongAdder> statuses) {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 400 && e.getKey() < 500)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    private static void expect(ArrayNode failures, boolean held, String what) {
        if (!held) {
            failures.add(what);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
