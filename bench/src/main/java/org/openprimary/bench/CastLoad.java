package org.openprimary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ballots cast per second against a running platform in demo mode (loopback only), the whole way
 * a voter goes: an election is set up over the admin and public API as {@code PlatformIT} does
 * ({@code voters} citizens register and verify their phone, three trustees choose passphrases, the
 * organizer schedules and proposes the seal, the bailiff confirms it, the trustees download their
 * shares and two of them hold the rehearsal), voting opens by the clock, and every voter's link is
 * read where the demo's console channel keeps it. All that is setup.
 *
 * <p>Then, for each pool size in {@code threads} (after a warm-up run), a fresh share of the voters
 * asks for a code ({@code POST /api/elections/{id}/ballot/code}, timed apart), the codes are read,
 * and the voters cast ({@code POST /api/elections/{id}/ballots}) from a fixed pool of that many
 * threads, each voter once: throughput, latency p50/p90/p99/max, errors by status, the CPU this
 * generator used (it shares the machine's cores with Payara and PostgreSQL), and what PostgreSQL's
 * sessions were waiting on, sampled every 50 ms.
 *
 * <p>The demo keeps what a real voter would receive by SMS in the database the launcher started
 * (the links in {@code notifications.outbox}, the codes in {@code registration.console_code}); this
 * benchmark reads them there over JDBC, which only a benchmark's setup may do. Every request,
 * poll and phase is bounded in time; the benchmark stops by itself. With the system property
 * {@code bench.jfr.pid} (Payara's process id), each cast run is recorded with JFR
 * ({@code jcmd PID JFR.start}) into {@code bench.jfr.dir}.
 */
final class CastLoad {

    private static final Duration PHASE_LIMIT = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("vote\\.html#e=([0-9a-f-]{36})&c=([A-Za-z0-9_-]{22})");
    private static final String[] CANDIDATES = {"Alice", "Bruno", "Chloé", "David", "Emma"};

    private final URI base;
    private final String organizer;
    private final String organizerUser;
    private final String organizerPassword;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final int voters;
    private final int[] threads;
    private final int leadSeconds;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final String tag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final int phoneOffset = new SplittableRandom().nextInt(10_000);
    private final Map<String, String> logins = new HashMap<>();
    private final StringBuilder setupLog = new StringBuilder();
    /** The receipts of the accepted casts, to check afterwards that each is in the box. */
    private final java.util.Queue<String> receipts = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final Pattern RECEIPT = Pattern.compile("\"receipt\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private String linksCampaign = "null";
    /** How long voting stays open after it opens (the drills close it early to count). */
    private Duration votingLength = Duration.ofMinutes(30);
    /** The trustees' downloaded shares, by trustee, for a count after the run (the drills). */
    private final Map<String, String> shares = new TreeMap<>();
    private final List<String> trustees = new ArrayList<>();

    private CastLoad(URI base, String organizerUser, String organizerPassword, String dbUrl, String dbUser,
            String dbPassword, int voters, int[] threads, int leadSeconds) {
        if (!base.getHost().equals("localhost") && !base.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("the load generator only targets loopback addresses");
        }
        this.base = base;
        this.organizer = basic(organizerUser, organizerPassword);
        this.organizerUser = organizerUser;
        this.organizerPassword = organizerPassword;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.voters = voters;
        this.threads = threads;
        this.leadSeconds = leadSeconds;
        int maxThreads = Arrays.stream(threads).max().orElse(16);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(Math.max(4, maxThreads / 4))).build();
    }

    static String run(URI base, String organizerPassword, String dbUrl, int voters, int[] threads, int leadSeconds)
            throws Exception {
        return run(base, "organizer", organizerPassword, dbUrl, "postgres", "postgres", voters, threads, leadSeconds);
    }

    /**
     * The same, with the organizer's account and the platform's database credentials given; the
     * result also has the invariants checked after the runs ({@code "invariants"}: ballots in the
     * box = voters marked as having voted, every accepted receipt found through the public API) and
     * the voting links' campaign ({@code "linksCampaign"}: its recipients queued at the opening and
     * the seconds between its creation and its start, the queuing in one transaction).
     */
    static String run(URI base, String organizerUser, String organizerPassword, String dbUrl, String dbUser,
            String dbPassword, int voters, int[] threads, int leadSeconds) throws Exception {
        return run(base, organizerUser, organizerPassword, dbUrl, dbUser, dbPassword, voters, threads, leadSeconds, 0);
    }

    /**
     * The same, and when {@code campaignRecipients} is positive one more run (with the second pool
     * size, as one of the runs before it) while an organizer's campaign to that many is queued on
     * another election ({@code "duringCampaign"}: the run, and the campaign's queuing figures), so
     * that the cast's rate with and without a campaign being queued can be compared.
     */
    static String run(URI base, String organizerUser, String organizerPassword, String dbUrl, String dbUser,
            String dbPassword, int voters, int[] threads, int leadSeconds, int campaignRecipients) throws Exception {
        CastLoad load = new CastLoad(base, organizerUser, organizerPassword, dbUrl, dbUser, dbPassword, voters, threads,
                leadSeconds);
        load.campaignRecipients = campaignRecipients;
        return load.run();
    }

    /** Recipients of the campaign queued during the last run; none: no such run. */
    private int campaignRecipients;

    private String run() throws Exception {
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            long setupStart = System.nanoTime();
            String election = setUp(db);
            Map<String, String> credentials = links(db, election); // phone -> credential
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            if (credentials.size() != voters) {
                throw new IllegalStateException(credentials.size() + " voting links for " + voters + " voters");
            }
            List<String> phones = new ArrayList<>(credentials.keySet());
            int warmup = Math.min(1000, voters / 10);
            int share = (voters - warmup) / (threads.length + (campaignRecipients > 0 ? 1 : 0));
            StringBuilder runs = new StringBuilder();
            int from = 0;
            long accepted = 0;
            for (int r = -1; r < threads.length; r++) {
                int count = r < 0 ? warmup : share;
                int pool = r < 0 ? threads[0] : threads[r];
                List<String> mine = phones.subList(from, from + count);
                from += count;
                String measured = castRun(db, election, credentials, mine, pool, r < 0);
                accepted += json.readTree(measured).get("accepted").asLong();
                runs.append(runs.length() == 0 ? "" : ", ").append(measured);
            }
            String duringCampaign = "null";
            if (campaignRecipients > 0) {
                duringCampaign = duringCampaign(db, election, credentials, phones.subList(from, from + share));
                accepted += json.readTree(duringCampaign).get("run").get("accepted").asLong();
            }
            JsonNode turnout = json.readTree(send("GET", "api/elections/" + election + "/turnout", null, null, 200));
            if (turnout.get("ballots").asLong() != accepted) {
                throw new IllegalStateException("the turnout says " + turnout.get("ballots") + " ballots, "
                        + accepted + " casts were accepted");
            }
            String invariants = invariants(db, election, turnout.get("ballots").asLong(), accepted);
            return String.format(Locale.ROOT, "{\"benchmark\": \"voting.cast\", \"election\": \"%s\", \"voters\": %d,"
                    + " \"candidates\": %d, \"grades\": 5, \"setupSeconds\": %.1f, \"setup\": {%s}, \"linksCampaign\": %s,"
                    + " \"runs\": [%s], \"duringCampaign\": %s, \"turnout\": %s, \"invariants\": %s, \"postgres\": %s, \"generator\": \"same"
                    + " machine, loopback, java.net.http HTTP/1.1\", %s}",
                    election, voters, CANDIDATES.length, setupSeconds, setupLog, linksCampaign, runs, duringCampaign,
                    turnout, invariants,
                    postgresSettings(db), Machine.json());
        }
    }

    /**
     * One more cast run while an organizer's campaign to {@link #campaignRecipients} registrants of
     * another election is queued: the campaign's election and roll are made first (not during the
     * run), its send request is started, and the casts begin once it has been queuing for a moment.
     * {@code "overlapped"} says whether the campaign was still being queued when the last cast ended
     * (with the smoke sizes it is queued too fast to overlap).
     */
    private String duringCampaign(Connection db, String election, Map<String, String> credentials, List<String> mine)
            throws Exception {
        int pool = threads[Math.min(1, threads.length - 1)];
        CampaignLoad campaign = CampaignLoad.prepared(base, organizerUser, organizerPassword, dbUrl, dbUser,
                dbPassword, campaignRecipients);
        java.util.concurrent.ExecutorService alongside = Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<String> queuing = alongside.submit(campaign::send);
            long lead = Math.min(3000, Math.max(200, campaignRecipients / 200));
            Thread.sleep(lead);
            boolean begunFirst = !queuing.isDone();
            String measured = castRun(db, election, credentials, mine, pool, false);
            boolean overlapped = begunFirst && !queuing.isDone();
            String queued = queuing.get(PHASE_LIMIT.toMinutes(), java.util.concurrent.TimeUnit.MINUTES);
            return String.format(Locale.ROOT, "{\"threads\": %d, \"castsBeganAfterMillis\": %d, \"overlapped\": %b,"
                    + " \"run\": %s, \"campaign\": %s}", pool, lead, overlapped, measured, queued);
        } finally {
            alongside.shutdownNow();
            campaign.cancelAndClear();
        }
    }

    /**
     * For the drills: an election set up as this benchmark sets up its own ({@code voters} citizens
     * registered and verified over HTTP, sealed, rehearsed), open for voting for {@code votingLength}
     * after a lead of {@code leadSeconds}, with every voter's credential read from the outbox.
     */
    static Voting openVoting(Suite.Target target, int voters, int leadSeconds, Duration votingLength) throws Exception {
        CastLoad load = new CastLoad(target.base(), target.organizerUser(), target.organizerPassword(), target.dbUrl(),
                target.dbUser(), target.dbPassword(), voters, new int[] {64}, leadSeconds);
        load.votingLength = votingLength;
        try (Connection db = DriverManager.getConnection(target.dbUrl(), target.dbUser(), target.dbPassword())) {
            String election = load.setUp(db);
            Map<String, String> credentials = load.links(db, election);
            if (credentials.size() != voters) {
                throw new IllegalStateException(credentials.size() + " voting links for " + voters + " voters");
            }
            return new Voting(load, election, credentials);
        }
    }

    /** An election open for voting, for the drills: its id, its voters' credentials by phone, and the calls. */
    static final class Voting {

        private final CastLoad load;
        final String election;
        final Map<String, String> credentials;

        private Voting(CastLoad load, String election, Map<String, String> credentials) {
            this.load = load;
            this.election = election;
            this.credentials = credentials;
        }

        /** The newest unused voting code the console stand-in sent to each of these numbers. */
        Map<String, String> codes(Connection db, List<String> phones) throws SQLException {
            return CastLoad.codes(db, phones);
        }

        HttpResponse<String> request(String method, String path, String body, boolean asOrganizer)
                throws IOException, InterruptedException {
            return load.request(method, path, body, asOrganizer ? load.organizer : null);
        }

        /** The election's state, as the organizer reads it. */
        String state() throws Exception {
            return load.json.readTree(load.send("GET", "admin/api/elections/" + election, null, load.organizer, 200))
                    .get("state").asText();
        }

        void waitForState(String state, Instant deadline) throws Exception {
            load.waitForState(election, state, deadline);
        }

        /** Two trustees bring their shares to count; the count's final status (DONE, or why not). */
        String count(Duration limit) throws Exception {
            for (String trustee : load.trustees.subList(0, 2)) {
                load.send("POST", "admin/api/trustee/elections/" + election + "/shares",
                        load.json.writeValueAsString(Map.of("purpose", "count", "share", load.shares.get(trustee),
                                "passphrase", "bench passphrase of " + trustee)), load.logins.get(trustee), 200);
            }
            Instant deadline = Instant.now().plus(limit);
            String status = "unknown";
            while (Instant.now().isBefore(deadline)) {
                JsonNode count = load.json.readTree(load.send("GET", "admin/api/elections/" + election + "/count", null,
                        load.organizer, 200));
                status = count.path("status").asText();
                if (status.equals("DONE")) {
                    return status;
                }
                if (status.equals("FAILED")) {
                    return count.toString();
                }
                Thread.sleep(500);
            }
            return "still " + status + " after " + limit.toSeconds() + " s";
        }

        /** Publishes the counted result; the public record's bytes. */
        byte[] publishAndRecord() throws Exception {
            load.send("POST", "admin/api/elections/" + election + "/publish", "", load.organizer, 200);
            HttpResponse<byte[]> record = load.http.send(HttpRequest.newBuilder(load.base.resolve("api/elections/"
                    + election + "/record")).timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (record.statusCode() != 200) {
                throw new IOException("the record answered " + record.statusCode());
            }
            return record.body();
        }
    }

    // ---------------------------------------------------------------- setup

    private String setUp(Connection db) throws Exception {
        String bailiff = account("bench-bailiff-" + tag, "BAILIFF");
        for (int i = 1; i <= 3; i++) {
            trustees.add("bench-trustee-" + tag + "-" + i);
            account(trustees.get(i - 1), "TRUSTEE");
        }
        String election = json.readTree(send("POST", "admin/api/elections", json.writeValueAsString(Map.of(
                "title", "Bench cast " + tag, "candidates", List.of(CANDIDATES), "requiredFactors", List.of("PHONE"))),
                organizer, 201)).get("id").asText();
        send("POST", "admin/api/elections/" + election + "/open-registration", "", organizer, 200);

        long t = System.nanoTime();
        register(db, election);
        note("registerSeconds", t);

        send("PUT", "admin/api/elections/" + election + "/trustees", json.writeValueAsString(Map.of(
                "trustees", trustees, "threshold", 2)), organizer, 200);
        for (String trustee : trustees) {
            send("PUT", "admin/api/trustee/elections/" + election + "/passphrase",
                    json.writeValueAsString(Map.of("passphrase", "bench passphrase of " + trustee)), logins.get(trustee), 200);
        }
        Instant opens = Instant.now().plusSeconds(leadSeconds);
        Instant closes = opens.plus(votingLength);
        send("PUT", "admin/api/elections/" + election + "/schedule", json.writeValueAsString(Map.of(
                "votingOpensAt", opens.toString(), "votingClosesAt", closes.toString())), organizer, 200);
        t = System.nanoTime();
        String fingerprint = json.readTree(send("POST", "admin/api/elections/" + election + "/seal/proposal", "",
                organizer, 200)).get("fingerprint").asText();
        note("sealProposalSeconds", t);
        t = System.nanoTime();
        send("POST", "admin/api/bailiff/elections/" + election + "/seal",
                json.writeValueAsString(Map.of("fingerprint", fingerprint)), logins.get(bailiff), 200);
        note("sealSeconds", t);
        for (String trustee : trustees) {
            shares.put(trustee, send("POST", "admin/api/trustee/elections/" + election + "/share/download", "",
                    logins.get(trustee), 200));
        }
        String status = null;
        for (String trustee : trustees.subList(0, 2)) {
            status = json.readTree(send("POST", "admin/api/trustee/elections/" + election + "/shares",
                    json.writeValueAsString(Map.of("purpose", "rehearsal", "share", shares.get(trustee),
                            "passphrase", "bench passphrase of " + trustee)), logins.get(trustee), 200))
                    .get("status").asText();
        }
        if (!"REHEARSAL_PASSED".equals(status)) {
            throw new IllegalStateException("the rehearsal did not pass: " + status);
        }
        if (Instant.now().isAfter(opens)) {
            throw new IllegalStateException("the seal and the rehearsal took longer than the lead of " + leadSeconds
                    + " s: give a longer one");
        }
        t = System.nanoTime();
        waitForState(election, "VOTING", opens.plusSeconds(120));
        note("waitForOpeningSeconds", t);
        linksCampaign = linksCampaign("Voting links (SMS): Bench cast " + tag);
        return election;
    }

    /**
     * The campaign the opening made to send every voter their link by SMS: how many recipients it
     * queued and the seconds from its creation to its start (both stamped in the opening's one
     * transaction, so the difference is the queuing of every recipient, in batches of 10,000). It
     * is read once the opening's transaction has committed; its figures then no longer change but
     * for the sending.
     */
    private String linksCampaign(String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode campaign : json.readTree(send("GET", "admin/api/notifications/campaigns", null, organizer, 200))) {
                if (campaign.path("name").asText().equals(name) && campaign.hasNonNull("startedAt")) {
                    Instant created = Instant.parse(campaign.get("createdAt").asText());
                    Instant started = Instant.parse(campaign.get("startedAt").asText());
                    return String.format(Locale.ROOT, "{\"id\": \"%s\", \"recipients\": %d, \"queueSeconds\": %.3f,"
                            + " \"how\": \"the voting links' SMS campaign queued at the opening: startedAt - createdAt\"}",
                            campaign.get("id").asText(), campaign.get("queued").asLong(),
                            Duration.between(created, started).toNanos() / 1e9);
                }
            }
            Thread.sleep(500);
        }
        return "{\"error\": \"no started campaign named " + name + "\"}";
    }

    /**
     * After the runs: the ballots in the box equal the voters marked as having voted (read in the
     * platform's database), and every receipt an accepted cast answered is found in the box through
     * the public API ({@code GET /api/elections/{id}/receipts/{receipt}}), all of them.
     */
    private String invariants(Connection db, String election, long ballots, long accepted) throws Exception {
        long marks;
        try (PreparedStatement select = db.prepareStatement(
                "SELECT count(*) FROM voting.voter WHERE election_id = ? AND has_voted")) {
            select.setString(1, election);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                marks = row.getLong(1);
            }
        }
        List<String> all = new ArrayList<>(receipts);
        long distinct = all.stream().distinct().count();
        Map<Integer, LongAdder> found = parallel(all, 16, receipt -> request("GET",
                "api/elections/" + election + "/receipts/" + receipt, null, null).statusCode());
        long inBox = found.getOrDefault(200, new LongAdder()).sum();
        boolean held = ballots == marks && ballots == accepted && distinct == accepted && inBox == accepted;
        return String.format(Locale.ROOT, "{\"ballots\": %d, \"marks\": %d, \"acceptedCasts\": %d,"
                + " \"receipts\": %d, \"distinctReceipts\": %d, \"receiptsFound\": %d, \"receiptLookups\": %s,"
                + " \"held\": %s}", ballots, marks, accepted, all.size(), distinct, inBox, statusJson(found), held);
    }

    private String account(String username, String role) throws Exception {
        String password = json.readTree(send("POST", "admin/api/accounts", json.writeValueAsString(Map.of(
                "username", username, "roles", List.of(role))), organizer, 201)).get("password").asText();
        logins.put(username, basic(username, password));
        return username;
    }

    /**
     * Registers every voter with a phone of their own (one per block of numbers, so the per-block
     * limit is not what is measured), reads the codes the console stand-in "sent", verifies them.
     */
    private void register(Connection db, String election) throws Exception {
        List<String> phones = new ArrayList<>(voters);
        for (int v = 0; v < voters; v++) {
            phones.add(phone(v));
        }
        Map<String, String> tokens = new ConcurrentHashMap<>();
        Map<String, String> ids = new ConcurrentHashMap<>();
        Map<Integer, LongAdder> statuses = parallel(phones, 32, phone -> {
            HttpResponse<String> answer = request("POST", "api/elections/" + election + "/registrants",
                    json.writeValueAsString(Map.of("firstName", "Bench", "lastName", "Voter", "phone", phone,
                            "charterVersion", "1", "privacyVersion", "1", "language", "fr")), null);
            if (answer.statusCode() == 201) {
                JsonNode registered = json.readTree(answer.body());
                ids.put(phone, registered.get("id").asText());
                tokens.put(phone, registered.get("resumeToken").asText());
            }
            return answer.statusCode();
        });
        requireAll(statuses, 201, "registrations");
        Map<String, String> codes = codes(db, phones);
        statuses = parallel(phones, 32, phone -> request("POST", "api/registrants/" + ids.get(phone) + "/phone/verify",
                json.writeValueAsString(Map.of("code", codes.getOrDefault(phone, "000000"))),
                "Bearer " + tokens.get(phone)).statusCode());
        requireAll(statuses, 200, "phone verifications");
    }

    /**
     * A French mobile number for voter v: the voter's rank spread over the first three digits, so no
     * block of numbers that differ only in their last four digits holds more than one in 1,000, and
     * a range of the last four of this run's own (the stand-in allows five codes per number in ten
     * minutes, and the runs before this one used numbers too).
     */
    private String phone(int v) {
        return String.format(Locale.ROOT, "+3361%03d%04d", v % 1000, (v / 1000 + phoneOffset) % 10_000);
    }

    /**
     * The voting links the opening sent, by phone number, as the console channel kept them (a sent
     * message keeps only the console's rendered text, its parameters are forgotten: notifications V7).
     */
    private Map<String, String> links(Connection db, String election) throws SQLException {
        Map<String, String> credentials = new LinkedHashMap<>();
        try (PreparedStatement select = db.prepareStatement("SELECT recipient, parameters || ' ' ||"
                + " COALESCE(rendered_text, '') FROM notifications.outbox WHERE template = 'voting.opened'"
                + " AND channel = 'SMS' AND parameters || ' ' || COALESCE(rendered_text, '') LIKE ? ORDER BY id")) {
            select.setString(1, "%e=" + election + "&%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Matcher link = LINK.matcher(rows.getString(2));
                    if (link.find() && link.group(1).equals(election)) {
                        credentials.put(rows.getString(1), link.group(2));
                    }
                }
            }
        }
        return credentials;
    }

    /** The newest unused code the console stand-in sent to each number. */
    private static Map<String, String> codes(Connection db, List<String> phones) throws SQLException {
        Map<String, String> codes = new HashMap<>();
        Array wanted = db.createArrayOf("varchar", phones.toArray());
        try (PreparedStatement select = db.prepareStatement("SELECT DISTINCT ON (phone_e164) phone_e164, code"
                + " FROM registration.console_code WHERE phone_e164 = ANY (?) AND NOT used"
                + " ORDER BY phone_e164, created_at DESC, id DESC")) {
            select.setArray(1, wanted);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    codes.put(rows.getString(1), rows.getString(2).strip());
                }
            }
        }
        return codes;
    }

    // ---------------------------------------------------------------- one measured run

    private String castRun(Connection db, String election, Map<String, String> credentials, List<String> phones,
            int pool, boolean warmup) throws Exception {
        long codeStart = System.nanoTime();
        Map<Integer, LongAdder> codeStatuses = parallel(phones, pool, phone -> request("POST",
                "api/elections/" + election + "/ballot/code", json.writeValueAsString(Map.of(
                        "credential", credentials.get(phone))), null).statusCode());
        double codeSeconds = (System.nanoTime() - codeStart) / 1e9;
        Map<String, String> codes = codes(db, phones);

        SplittableRandom random = new SplittableRandom(2027 + phones.size());
        Map<String, String> bodies = new HashMap<>();
        List<String> scale = List.of("Insuffisant", "Passable", "Assez bien", "Bien", "Très bien");
        for (String phone : phones) {
            List<String> grades = new ArrayList<>();
            for (int c = 0; c < CANDIDATES.length; c++) {
                grades.add(scale.get(random.nextInt(scale.size())));
            }
            bodies.put(phone, json.writeValueAsString(Map.of("credential", credentials.get(phone),
                    "code", codes.getOrDefault(phone, "000000"), "grades", grades)));
        }
        long[] latencies = new long[phones.size()];
        AtomicInteger slot = new AtomicInteger();
        Map<String, long[]> tablesBefore = tableStats(db);
        WaitSampler waits = new WaitSampler(dbUrl, dbUser, dbPassword);
        String jfr = warmup ? null : jfrStart(pool);
        Machine.Reading cpuBefore = Machine.read();
        waits.start();
        long start = System.nanoTime();
        Map<Integer, LongAdder> statuses = parallel(phones, pool, phone -> {
            long begin = System.nanoTime();
            HttpResponse<String> answer = request("POST", "api/elections/" + election + "/ballots", bodies.get(phone),
                    null);
            latencies[slot.getAndIncrement()] = System.nanoTime() - begin;
            if (answer.statusCode() == 201) {
                Matcher receipt = RECEIPT.matcher(answer.body());
                if (receipt.find()) {
                    receipts.add(receipt.group(1));
                }
            }
            return answer.statusCode();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        String cpu = Machine.cpuJson(cpuBefore);
        String waited = waits.stop();
        jfrStop(jfr);
        Thread.sleep(1500); // PostgreSQL 14 publishes its statistics with a delay of about half a second
        String tables = perCast(tablesBefore, tableStats(db), phones.size());
        long accepted = statuses.getOrDefault(201, new LongAdder()).sum();
        long[] sorted = Arrays.copyOf(latencies, slot.get());
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "{\"warmup\": %s, \"threads\": %d, \"casts\": %d, \"accepted\": %d,"
                + " \"seconds\": %.2f, \"ballotsPerSecond\": %.1f, \"p50Millis\": %.1f, \"p90Millis\": %.1f,"
                + " \"p99Millis\": %.1f, \"maxMillis\": %.1f, \"statuses\": %s, \"codeRequests\": {\"seconds\": %.2f,"
                + " \"perSecond\": %.1f, \"statuses\": %s}, \"cpu\": %s, \"postgresWaits\": %s,"
                + " \"perCast\": %s%s}",
                warmup, pool, phones.size(), accepted, seconds, accepted / seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.90), percentile(sorted, 0.99), percentile(sorted, 1.0), statusJson(statuses),
                codeSeconds, phones.size() / codeSeconds, statusJson(codeStatuses), cpu, waited, tables,
                jfr == null ? "" : ", \"jfr\": \"" + jfr + "\"");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * PostgreSQL's counters: per table (schema.table) index scans, sequential scans, rows inserted,
     * rows updated; and the whole database's commits and rows fetched (key "database").
     */
    private static Map<String, long[]> tableStats(Connection db) throws SQLException {
        Map<String, long[]> stats = new TreeMap<>();
        try (Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT schemaname || '.' || relname, COALESCE(idx_scan, 0),"
                    + " seq_scan, n_tup_ins, n_tup_upd FROM pg_stat_user_tables"
                    + " WHERE schemaname IN ('voting', 'registration', 'notifications')")) {
                while (rows.next()) {
                    stats.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4),
                            rows.getLong(5)});
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT xact_commit, tup_fetched, tup_returned"
                    + " FROM pg_stat_database WHERE datname = current_database()")) {
                row.next();
                stats.put("database", new long[] {row.getLong(1), row.getLong(2), row.getLong(3), 0});
            }
        }
        return stats;
    }

    /** What each cast cost PostgreSQL, on average: the tables it touched, commits, rows fetched. */
    private static String perCast(Map<String, long[]> before, Map<String, long[]> after, int casts) {
        StringBuilder out = new StringBuilder("{");
        long[] db0 = before.getOrDefault("database", new long[4]);
        long[] db1 = after.get("database");
        out.append(String.format(Locale.ROOT, "\"commits\": %.2f, \"rowsFetched\": %.1f, \"tables\": {",
                (db1[0] - db0[0]) / (double) casts, (db1[1] - db0[1]) / (double) casts));
        boolean first = true;
        for (Map.Entry<String, long[]> table : after.entrySet()) {
            long[] a = table.getValue();
            long[] b = before.getOrDefault(table.getKey(), new long[4]);
            if (table.getKey().equals("database") || Arrays.equals(a, b)) {
                continue;
            }
            out.append(first ? "" : ", ").append(String.format(Locale.ROOT, "\"%s\": {\"indexScans\": %.2f,"
                    + " \"seqScans\": %.2f, \"inserts\": %.2f, \"updates\": %.2f}", table.getKey(),
                    (a[0] - b[0]) / (double) casts, (a[1] - b[1]) / (double) casts, (a[2] - b[2]) / (double) casts,
                    (a[3] - b[3]) / (double) casts));
            first = false;
        }
        return out.append("}}").toString();
    }

    /** The settings of the platform's PostgreSQL that decide what a commit costs. */
    static String postgresSettings(Connection db) throws SQLException {
        StringBuilder out = new StringBuilder("{");
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit',"
                        + " 'shared_buffers', 'max_connections', 'wal_level') ORDER BY name")) {
            while (rows.next()) {
                out.append(out.length() == 1 ? "" : ", ").append('"').append(rows.getString(1)).append("\": \"")
                        .append(rows.getString(2)).append('"');
            }
        }
        return out.append('}').toString();
    }

    /** What each phone's task answered, by HTTP status (-1: no answer), run by a fixed pool; bounded in time. */
    private Map<Integer, LongAdder> parallel(List<String> phones, int pool, Task task) throws InterruptedException {
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(pool);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < pool; w++) {
            running.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < phones.size() && System.nanoTime() < deadline;
                        i = next.getAndIncrement()) {
                    int status;
                    try {
                        status = task.run(phones.get(i));
                    } catch (IOException e) {
                        status = -1;
                    }
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
                return null;
            }));
        }
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a worker failed", e.getCause());
            }
        }
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        return statuses;
    }

    @FunctionalInterface
    private interface Task {
        int run(String phone) throws IOException, InterruptedException;
    }

    private static void requireAll(Map<Integer, LongAdder> statuses, int expected, String what) {
        if (statuses.keySet().stream().anyMatch(s -> s != expected)) {
            throw new IllegalStateException(what + " answered " + statusJson(statuses));
        }
    }

    private HttpResponse<String> request(String method, String path, String body, String auth)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String send(String method, String path, String body, String auth, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = request(method, path, body, auth);
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void waitForState(String election, String state, Instant deadline) throws Exception {
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = json.readTree(send("GET", "admin/api/elections/" + election, null, organizer, 200)).get("state").asText();
            if (seen.equals(state)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("election " + election + " is " + seen + ", not " + state);
    }

    private void note(String what, long startNanos) {
        setupLog.append(setupLog.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "\"%s\": %.1f", what,
                (System.nanoTime() - startNanos) / 1e9));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String statusJson(Map<Integer, LongAdder> statuses) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(statuses).forEach((status, count) -> out.append(out.length() == 1 ? "" : ", ")
                .append('"').append(status).append("\": ").append(count.sum()));
        return out.append('}').toString();
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    /** Starts a JFR recording of Payara's JVM when {@code bench.jfr.pid} names it; its file, or null. */
    private String jfrStart(int pool) throws IOException, InterruptedException {
        String pid = System.getProperty("bench.jfr.pid");
        if (pid == null || pid.isBlank()) {
            return null;
        }
        Path dir = Path.of(System.getProperty("bench.jfr.dir", System.getProperty("java.io.tmpdir")));
        String file = dir.resolve("cast-" + tag + "-" + pool + ".jfr").toAbsolutePath().toString();
        jcmd(pid, "JFR.start", "name=bench-cast-" + pool, "settings=profile", "filename=" + file);
        return file;
    }

    private void jfrStop(String file) throws IOException, InterruptedException {
        if (file != null) {
            String name = file.substring(file.lastIndexOf('-') + 1, file.length() - ".jfr".length());
            jcmd(System.getProperty("bench.jfr.pid"), "JFR.stop", "name=bench-cast-" + name);
        }
    }

    private static void jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("jcmd");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + output);
        }
    }

    /**
     * Samples what PostgreSQL's client sessions are doing every 50 ms while a run lasts: the count
     * of samples by state and wait event ("CPU" when active and waiting on nothing).
     */
    private static final class WaitSampler {

        private final String url;
        private final String user;
        private final String password;
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicInteger samples = new AtomicInteger();
        private Thread thread;

        WaitSampler(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
                try (Connection db = DriverManager.getConnection(url, user, password);
                        Statement statement = db.createStatement()) {
                    while (running.get() && System.nanoTime() < deadline) {
                        try (ResultSet rows = statement.executeQuery("SELECT state, wait_event_type, wait_event"
                                + " FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
                                + " AND state <> 'idle'")) {
                            while (rows.next()) {
                                String key = rows.getString(2) == null ? rows.getString(1) + ":CPU"
                                        : rows.getString(1) + ":" + rows.getString(2) + ":" + rows.getString(3);
                                seen.merge(key, 1L, Long::sum);
                            }
                        }
                        samples.incrementAndGet();
                        Thread.sleep(50);
                    }
                } catch (SQLException e) {
                    seen.put("sampler failed: " + e.getMessage().replace("\"", "'"), 0L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-pg-waits");
            thread.setDaemon(true);
            thread.start();
        }

        /** Stops sampling; the samples as JSON, the most seen first. */
        String stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
            StringBuilder out = new StringBuilder("{\"samples\": ").append(samples.get());
            seen.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> out.append(", \"").append(e.getKey()).append("\": ").append(e.getValue()));
            return out.append('}').toString();
        }
    }
}
