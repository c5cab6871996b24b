package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drill 6 of issue 5, abuse: the patterns of a paid attack trip their limits with a 429 and a
 * {@code Retry-After}, what the attacker wanted (codes, a console session) does not leak, and the
 * operators see it (the audit trail). What is not limited yet is in docs/security.md.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AbuseIT {

    private static final URI BASE = URI.create("http://localhost:8080/");
    private static final String ORGANIZER = basic("organizer", "it-organizer-password");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("openprimary.ear")));
    }

    /** SMS pumping: many numbers of one block (they differ in their last four digits) each cost an SMS. */
    @Test
    void smsPumpingOnOneNumberBlockStopsAfterTwentyCodes() throws Exception {
        String election = json.readTree(send(post("admin/api/elections", "{\"title\":\"Primaire pompage\",\"candidates\":[\"A\"],"
                + "\"requiredFactors\":[\"PHONE\"]}").header("Authorization", ORGANIZER)).body()).get("id").asText();
        send(post("admin/api/elections/" + election + "/open-registration", "").header("Authorization", ORGANIZER));
        int codesBefore = json.readTree(send(get("admin/api/console/codes").header("Authorization", ORGANIZER)).body()).size();
        // 064 to 068: every number there is a French mobile for libphonenumber (not 0639 or 0690-0694, 0696-0697:
        // a block drawn there failed CI once with 400 "not a valid phone number")
        String block = String.format("06 %02d %02d", ThreadLocalRandom.current().nextInt(40, 90),
                ThreadLocalRandom.current().nextInt(10, 100));
        HttpResponse<String> limited = null;
        int accepted = 0;
        for (int i = 0; i < 25 && limited == null; i++) {
            HttpResponse<String> answer = send(post("api/elections/" + election + "/registrants",
                    "{\"firstName\":\"Pump\",\"lastName\":\"" + i + "\",\"phone\":\"" + block + String.format(" %02d %02d", i, 7)
                            + "\",\"charterVersion\":\"1\",\"privacyVersion\":\"1\"}"));
            if (answer.statusCode() == 429) {
                limited = answer;
            } else {
                assertEquals(201, answer.statusCode(), answer.body());
                accepted++;
            }
        }
        assertTrue(limited != null, "the block's limit tripped");
        assertEquals(20, accepted, "OPENPRIMARY_LIMITS_REGISTRATIONS_PER_PHONE_BLOCK_PER_HOUR's default");
        assertEquals("application/problem+json", limited.headers().firstValue("Content-Type").orElse(""));
        assertEquals("phone", json.readTree(limited.body()).get("field").asText(), limited.body());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
        int codesAfter = json.readTree(send(get("admin/api/console/codes").header("Authorization", ORGANIZER)).body()).size();
        assertTrue(codesAfter - codesBefore <= 20, "no code went past the limit: " + (codesAfter - codesBefore));
        JsonNode roll = json.readTree(send(get("api/elections/" + election + "/roll")).body());
        assertEquals(20, roll.get("registrants").asLong(), "the refused attempt registered nobody");
    }

    /** Credential stuffing on the console: passwords tried one after another for one account. */
    @Test
    void credentialStuffingOnTheConsoleLocksTheAccountSaysWhenToRetryAndIsInTheAuditTrail() throws Exception {
        String username = "stuffed-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        HttpResponse<String> created = send(post("admin/api/accounts", "{\"username\":\"" + username
                + "\",\"roles\":[\"AUDITOR\"]}").header("Authorization", ORGANIZER));
        assertEquals(201, created.statusCode(), created.body());
        String password = json.readTree(created.body()).get("password").asText();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> wrong = send(post("admin/api/session", "{\"username\":\"" + username
                    + "\",\"password\":\"leaked-password-" + i + "\"}"));
            assertEquals(401, wrong.statusCode(), wrong.body());
            assertFalse(wrong.headers().firstValue("Set-Cookie").isPresent(), "no session for a wrong password");
        }
        HttpResponse<String> locked = send(post("admin/api/session", "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\"}"));
        assertEquals(429, locked.statusCode(), "locked, even for the right password: " + locked.body());
        assertEquals("username", json.readTree(locked.body()).get("field").asText(), locked.body());
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 60 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        assertFalse(locked.body().contains(password), "nothing of the account leaks");
        assertFalse(locked.headers().firstValue("Set-Cookie").isPresent(), "no session while locked");

        JsonNode audit = json.readTree(send(get("admin/api/audit?limit=100").header("Authorization", ORGANIZER)).body());
        long failures = 0;
        long lockouts = 0;
        for (JsonNode entry : audit) {
            if (username.equals(entry.path("actor").asText())) {
                failures += entry.get("status").asInt() == 401 ? 1 : 0;
                lockouts += entry.get("status").asInt() == 429 ? 1 : 0;
            }
        }
        assertEquals(10, failures, "the operators see every failed sign-in: " + audit);
        assertEquals(1, lockouts, "and the lockout");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(BASE.resolve(path)).GET();
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(BASE.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
