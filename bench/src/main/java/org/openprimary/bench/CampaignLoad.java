package org.openprimary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Queuing an organizer's campaign to a large audience, the way an organizer sends one
 * ({@code docs/campaigns.md}): an email announcement to everyone on an election's roll, sent now
 * with {@code POST /admin/api/elections/{id}/campaigns/{campaign}/send}. That one request resolves
 * the audience (the verified contacts, read from the registration module) and queues one outbox
 * message per recipient, 10,000 a statement, each page in a transaction of its own: its duration
 * is the queuing time. The cast scenario also queues one while casts run ({@link #prepared}).
 * Then the send rate: what the dispatcher hands the provider (the demo's console stand-in) in a
 * window of ten seconds, which the per-instance pacing bounds.
 *
 * <p>Setup: the election is made and opened over the admin API; its {@code recipients} registrants
 * are written by SQL in one statement (a benchmark's setup only: at the registration rate measured
 * here, 500,000 registrations over HTTP would take hours; the cast scenario registers its voters
 * over HTTP). Afterwards the campaign is cancelled, so that the demo's dispatcher does not spend
 * the next hours "sending" it while other scenarios run; its rows stay in the bench's database.
 */
final class CampaignLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SEND_WINDOW = Duration.ofSeconds(10);

    private final URI base;
    private final String organizer;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final int recipients;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String tag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    private CampaignLoad(URI base, String organizerUser, String organizerPassword, String dbUrl, String dbUser,
            String dbPassword, int recipients) {
        if (!base.getHost().equals("localhost") && !base.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("the load generator only targets loopback addresses");
        }
        this.base = base;
        this.organizer = "Basic " + Base64.getEncoder().encodeToString((organizerUser + ":" + organizerPassword)
                .getBytes(StandardCharsets.UTF_8));
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.recipients = recipients;
    }

    /** The figures, as one JSON object's members (without braces' surroundings: a whole object). */
    static String run(URI base, String organizerUser, String organizerPassword, String dbUrl, String dbUser,
            String dbPassword, int recipients) throws Exception {
        return new CampaignLoad(base, organizerUser, organizerPassword, dbUrl, dbUser, dbPassword, recipients).run();
    }

    private String run() throws Exception {
        prepare();
        String queuing = send();
        // The send rate: what the dispatcher hands the provider (the demo's console stand-in) over a
        // few seconds, paced by openprimary.notifications.email-per-second on this one instance.
        long sentAtStart = progress().path("sent").asLong();
        long rateStart = System.nanoTime();
        Thread.sleep(SEND_WINDOW.toMillis());
        long sentAtEnd = progress().path("sent").asLong();
        double rateSeconds = (System.nanoTime() - rateStart) / 1e9;
        JsonNode cancelled = cancelAndClear();
        return String.format(Locale.ROOT, "%s, \"sentPerSecond\": %.1f, \"sendWindowSeconds\": %.1f,"
                        + " \"sentBeforeCancel\": %d, \"cancelled\": %d, \"cleanupSeconds\": %.1f, \"how\": \"an email"
                        + " announcement to the roll: POST .../send resolves the audience and queues every message in one"
                        + " request (the roll written by SQL in the setup); then what the dispatcher sends in a window,"
                        + " paced per instance; then the campaign is cancelled, and its messages and the roll deleted\"}",
                queuing.substring(0, queuing.length() - 1), (sentAtEnd - sentAtStart) / rateSeconds, rateSeconds,
                cancelled.path("progress").path("sent").asLong(), cancelled.path("progress").path("cancelled").asLong(),
                cleanupSeconds);
    }

    /**
     * A campaign ready to go, for a scenario that runs something else while it is queued (the cast):
     * its election, roll and draft are made now; {@link #send} queues it, {@link #cancelAndClear} ends it.
     */
    static CampaignLoad prepared(URI base, String organizerUser, String organizerPassword, String dbUrl, String dbUser,
            String dbPassword, int recipients) throws Exception {
        CampaignLoad load = new CampaignLoad(base, organizerUser, organizerPassword, dbUrl, dbUser, dbPassword,
                recipients);
        load.prepare();
        return load;
    }

    private String election;
    private String campaign;
    private double setupSeconds;
    private double cleanupSeconds;

    /** The election (opened over the admin API), its roll (by SQL), and the campaign's draft. */
    private void prepare() throws Exception {
        long setupStart = System.nanoTime();
        election = json.readTree(send("POST", "admin/api/elections", "{\"title\":\"Bench campaign " + tag
                + "\",\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"EMAIL\"]}", 201)).get("id").asText();
        send("POST", "admin/api/elections/" + election + "/open-registration", "", 200);
        fillRoll(election);
        setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        campaign = json.readTree(send("POST", path(), "{\"name\":\"Bench announcement " + tag + "\","
                + "\"audience\":\"ON_ROLL\",\"channel\":\"EMAIL\",\"subject\":\"Réunion publique\","
                + "\"body\":\"Réunion publique ce soir à 19 h, salle des fêtes.\\nVenez nombreux.\"}", 201))
                .get("id").asText();
    }

    /**
     * Sends the campaign now (the request returns at once, the campaign QUEUING) and waits until the
     * platform says it is QUEUED: the whole audience resolved and in the outbox; its figures as JSON.
     */
    String send() throws Exception {
        long start = System.nanoTime();
        JsonNode sent = json.readTree(send("POST", path() + "/" + campaign + "/send", "{}", 200));
        double acceptedSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
        while (sent.path("state").asText().equals("QUEUING") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            sent = json.readTree(send("GET", path() + "/" + campaign, null, 200));
        }
        if (!sent.path("state").asText().equals("QUEUED")) {
            throw new IllegalStateException("the campaign ended " + sent.path("state").asText() + ": " + sent);
        }
        double queueSeconds = (System.nanoTime() - start) / 1e9;
        long resolved = sent.path("recipients").asLong();
        return String.format(Locale.ROOT, "{\"recipients\": %d, \"queued\": %d, \"queueSeconds\": %.2f,"
                        + " \"sendAnsweredSeconds\": %.3f,"
                        + " \"recipientsPerSecond\": %d, \"setupSeconds\": %.1f, \"election\": \"%s\", \"campaign\": \"%s\"}",
                resolved, sent.path("progress").path("queued").asLong(), queueSeconds, acceptedSeconds,
                queueSeconds > 0 ? Math.round(resolved / queueSeconds) : 0, setupSeconds, election, campaign);
    }

    /** Cancels the campaign (so the demo's dispatcher does not "send" it for hours), deletes its rows; the last view. */
    JsonNode cancelAndClear() throws Exception {
        JsonNode cancelled = json.readTree(send("POST", path() + "/" + campaign + "/cancel", "", 200));
        long cleanupStart = System.nanoTime();
        clearRoll(election, campaign);
        cleanupSeconds = (System.nanoTime() - cleanupStart) / 1e9;
        return cancelled;
    }

    private String path() {
        return "admin/api/elections/" + election + "/campaigns";
    }

    /**
     * Deletes what the setup and the run wrote in bulk (the campaign's messages, the roll), so that
     * the bench's database does not grow by 500,000 rows a run and later runs measure the same thing.
     */
    private void clearRoll(String election, String campaign) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            s.executeUpdate("DELETE FROM notifications.outbox WHERE campaign_id = '" + campaign + "'");
            s.executeUpdate("DELETE FROM registration.registrant WHERE election_id = '" + election + "'");
        }
    }

    private JsonNode progress() throws IOException, InterruptedException {
        return json.readTree(send("GET", path() + "/" + campaign, null, 200)).path("progress");
    }

    /** {@code recipients} registrants on the roll, each with a verified address, in one statement. */
    private void fillRoll(String election) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET synchronous_commit = off");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO registration.registrant (id, election_id,"
                    + " first_name, last_name, email, email_normalized, language, charter_version, privacy_version,"
                    + " resume_token_hash, status, registered_at, email_verified_at, on_roll_at)"
                    + " SELECT gen_random_uuid()::text, ?, 'Camille', 'Bench', e, e, CASE WHEN i % 5 = 0 THEN 'en'"
                    + " ELSE 'fr' END, '1', '1', encode(sha256(convert_to(e, 'UTF8')), 'hex'), 'ON_ROLL', now(), now(), now()"
                    + " FROM (SELECT i, 'bench-' || ? || '-' || i || '@example.org' AS e"
                    + " FROM generate_series(1, ?) AS i) AS g")) {
                insert.setString(1, election);
                insert.setString(2, tag);
                insert.setInt(3, recipients);
                insert.executeUpdate();
            }
        }
    }

    private String send(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", organizer).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
