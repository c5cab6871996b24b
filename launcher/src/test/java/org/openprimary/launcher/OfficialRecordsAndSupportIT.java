package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openprimary.tally.cli.TallyCommand;
import org.openprimary.tally.control.MinutesSignature;

/**
 * The official records and the hotline's console on the real EAR (Payara Server, PostgreSQL),
 * over HTTP: an election through its whole lifecycle with two voters; a volunteer finds one of
 * them by their help code and notes the call, and the audit trail shows the look-up; the seal's
 * and the count's records are refused before their event, then downloaded as signed PDFs that
 * {@code tally verify-minutes} accepts under the box's public key, the same bytes every time.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OfficialRecordsAndSupportIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String tag = "records-" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(3));
    private final URI base = URI.create("http://localhost:8080/");
    private final Map<String, String> passwords = new TreeMap<>();
    private final Map<String, String> shares = new TreeMap<>();
    private String organizer;
    private String election;

    @TempDir
    Path dir;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("openprimary.ear")));
    }

    @Test
    void aVolunteerHelpsByHelpCodeAndTheSealAndCountRecordsAreSignedStableAndRefusedBeforeTheirEvent()
            throws Exception {
        organizer = basic("organizer", "it-organizer-password");
        String bailiff = account(tag + "-bailiff", "BAILIFF");
        String operator = account(tag + "-operator", "OPERATOR");
        election = json.readTree(send(post("admin/api/elections", "{\"title\":\"Primaire des procès-verbaux\","
                + "\"candidates\":[\"Alice\",\"Bob\"],\"requiredFactors\":[\"PHONE\"]}", organizer)).body())
                .get("id").asText();
        send(post("admin/api/elections/" + election + "/open-registration", "", organizer));
        // 06 40 to 06 58: valid French mobiles whatever the rest (libphonenumber refuses some other 06 blocks)
        String prefix = String.format("%02d%04d", 40 + new java.security.SecureRandom().nextInt(19),
                new java.security.SecureRandom().nextInt(10_000)).replaceAll("(..)(..)(..)", "$1 $2 $3");
        List<String> phones = new ArrayList<>();
        List<String> helpCodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String phone = "06 " + prefix + " " + (42 + 11 * i);
            phones.add(phone);
            HttpResponse<String> registering = send(post("api/elections/" + election + "/registrants",
                    "{\"firstName\":\"Votante" + i + "\",\"lastName\":\"Records\",\"phone\":\"" + phone
                            + "\",\"charterVersion\":\"1\",\"privacyVersion\":\"1\",\"language\":\"fr\"}", null));
            assertEquals(201, registering.statusCode(), registering.body());
            JsonNode registered = json.readTree(registering.body());
            helpCodes.add(registered.get("helpCode").asText());
            HttpResponse<String> verified = send(post("api/registrants/" + registered.get("id").asText()
                    + "/phone/verify", "{\"code\":\"" + code(phone, Instant.EPOCH) + "\"}",
                    "Bearer " + registered.get("resumeToken").asText()));
            assertEquals("ON_ROLL", json.readTree(verified.body()).get("status").asText(), verified.body());
        }

        // The hotline: the citizen reads out their code; the volunteer sees masked data and notes the call.
        String readOut = helpCodes.get(0).toLowerCase(java.util.Locale.ROOT).replace('-', ' ');
        HttpResponse<String> found = send(get("admin/api/support/registrations/" + readOut.replace(" ", "%20"),
                operator));
        assertEquals(200, found.statusCode(), found.body());
        JsonNode registration = json.readTree(found.body());
        assertEquals("Votante0 R.", registration.get("name").asText());
        String digits = phones.get(0).replace(" ", "");
        assertEquals("+33 6•• •• •• " + digits.substring(8), registration.get("phone").asText());
        assertTrue(registration.get("onRoll").asBoolean());
        assertFalse(found.body().contains(digits.substring(1)) || found.body().contains("Records"), found.body());
        HttpResponse<String> noted = send(post("admin/api/support/registrations/" + helpCodes.get(0) + "/notes",
                "{\"text\":\"Asked whether she is on the roll: she is.\"}", operator));
        assertEquals(201, noted.statusCode(), noted.body());
        assertEquals(tag + "-operator", json.readTree(noted.body()).get(0).get("operator").asText());
        String misheard = (helpCodes.get(0).charAt(0) == 'A' ? "B" : "A") + helpCodes.get(0).substring(1);
        HttpResponse<String> wrong = send(get("admin/api/support/registrations/" + misheard, operator));
        assertEquals(400, wrong.statusCode(), wrong.body());
        assertEquals("helpCode", json.readTree(wrong.body()).get("field").asText());
        boolean traced = false;
        for (JsonNode entry : json.readTree(send(get("admin/api/audit?limit=50", organizer)).body())) {
            traced |= entry.get("actor").asText().equals(tag + "-operator")
                    && entry.get("action").asText().startsWith("GET support/registrations/");
        }
        assertTrue(traced, "the operator's look-up is in the audit trail");

        // Before the seal: no record.
        HttpResponse<String> early = send(get("admin/api/elections/" + election + "/minutes/seal.pdf", organizer));
        assertEquals(409, early.statusCode(), early.body());
        assertTrue(early.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("state", json.readTree(early.body()).get("field").asText());

        List<String> trustees = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = tag + "-trustee-" + i;
            passwords.put(name, account(name, "TRUSTEE"));
            trustees.add(name);
        }
        assertEquals(200, send(put("admin/api/elections/" + election + "/trustees", "{\"trustees\":[\""
                + String.join("\",\"", trustees) + "\"],\"threshold\":2}", organizer)).statusCode());
        for (String trustee : trustees) {
            assertEquals(200, send(put("admin/api/trustee/elections/" + election + "/passphrase",
                    "{\"passphrase\":\"passphrase of " + trustee + "\"}", passwords.get(trustee))).statusCode());
        }
        Instant opens = Instant.now().plusSeconds(20);
        Instant closes = opens.plusSeconds(30);
        assertEquals(200, send(put("admin/api/elections/" + election + "/schedule", "{\"votingOpensAt\":\"" + opens
                + "\",\"votingClosesAt\":\"" + closes + "\"}", organizer)).statusCode());
        String fingerprint = json.readTree(send(post("admin/api/elections/" + election + "/seal/proposal", "",
                organizer)).body()).get("fingerprint").asText();
        assertEquals(409, send(get("admin/api/elections/" + election + "/minutes/seal.pdf", organizer)).statusCode(),
                "proposed is not sealed");
        HttpResponse<String> sealed = send(post("admin/api/bailiff/elections/" + election + "/seal",
                "{\"fingerprint\":\"" + fingerprint + "\"}", bailiff));
        assertEquals(200, sealed.statusCode(), sealed.body());

        // The seal's record: a signed PDF, the same bytes at every request.
        HttpResponse<byte[]> sealPdf = bytes(get("admin/api/elections/" + election + "/minutes/seal.pdf", bailiff));
        assertEquals(200, sealPdf.statusCode());
        assertEquals("application/pdf", sealPdf.headers().firstValue("Content-Type").orElse(""));
        assertTrue(sealPdf.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename="));
        assertEquals("%PDF-", new String(sealPdf.body(), 0, 5, StandardCharsets.US_ASCII));
        String signingKey = sealPdf.headers().firstValue("X-OpenPrimary-Signing-Key").orElseThrow();
        String sealSignature = send(get("admin/api/elections/" + election + "/minutes/seal.pdf.sig", organizer)).body();
        assertTrue(MinutesSignature.valid(sealPdf.body(), sealSignature, signingKey));
        assertArrayEquals(sealPdf.body(), bytes(get("admin/api/elections/" + election + "/minutes/seal.pdf",
                organizer)).body(), "the same request gives the same file");
        assertEquals(0, verifyMinutes(sealPdf.body(), sealSignature, signingKey));
        byte[] altered = sealPdf.body();
        altered[altered.length / 2] ^= 1;
        assertEquals(3, verifyMinutes(altered, sealSignature, signingKey), "one changed byte breaks the signature");
        assertEquals(409, send(get("admin/api/elections/" + election + "/minutes/count.pdf", organizer)).statusCode());
        HttpResponse<String> notForOperators = send(get("admin/api/elections/" + election + "/minutes/seal.pdf",
                operator));
        assertEquals(403, notForOperators.statusCode(), "organizers, bailiffs and auditors read the records");
        assertEquals("role", json.readTree(notForOperators.body()).get("field").asText());
        assertEquals(403, send(get("admin/api/elections/" + election + "/minutes/seal.pdf.sig",
                passwords.get(trustees.get(0)))).statusCode());

        // Voting, the close, the count by two of the three trustees.
        for (String trustee : trustees) {
            HttpResponse<String> share = send(post("admin/api/trustee/elections/" + election + "/share/download", "",
                    passwords.get(trustee)));
            assertEquals(200, share.statusCode(), share.body());
            shares.put(trustee, share.body());
        }
        bring(trustees.get(0), "rehearsal");
        assertEquals("REHEARSAL_PASSED", json.readTree(bring(trustees.get(1), "rehearsal").body()).get("status")
                .asText());
        waitForState("VOTING", opens.plusSeconds(20));
        send(post("admin/api/notifications/outbox/dispatch", "", organizer));
        List<String> credentials = credentials(phones);
        for (int i = 0; i < 2; i++) {
            Instant asked = Instant.now().minusSeconds(1);
            assertEquals(202, send(post("api/elections/" + election + "/ballot/code",
                    "{\"credential\":\"" + credentials.get(i) + "\"}", null)).statusCode());
            // the voter who asked for a code is counted as signed in, not yet as having voted
            JsonNode came = json.readTree(send(get("admin/api/elections/" + election + "/attendance", organizer)).body());
            assertEquals(i + 1, came.get("signedIn").asLong(), came.toString());
            assertEquals(1, came.get("signedInWithoutVoting").asLong(), came.toString());
            assertEquals(i, came.get("voted").asLong(), came.toString());
            HttpResponse<String> cast = send(post("api/elections/" + election + "/ballots", "{\"credential\":\""
                    + credentials.get(i) + "\",\"code\":\"" + code(phones.get(i), asked)
                    + "\",\"grades\":[\"Bien\",\"Passable\"]}", null));
            assertEquals(201, cast.statusCode(), cast.body());
        }
        JsonNode came = json.readTree(send(get("admin/api/elections/" + election + "/attendance", organizer)).body());
        assertEquals(0, came.get("signedInWithoutVoting").asLong(), "both voters who signed in voted: " + came);
        waitForState("CLOSED", closes.plusSeconds(20));
        bring(trustees.get(0), "count");
        assertEquals("COUNTING", json.readTree(bring(trustees.get(2), "count").body()).get("status").asText());
        waitForState("COUNTED", Instant.now().plusSeconds(30));

        // The count's record: signed with the key the box's checkpoints were signed with.
        HttpResponse<byte[]> countPdf = bytes(get("admin/api/elections/" + election + "/minutes/count.pdf", organizer));
        assertEquals(200, countPdf.statusCode());
        String boxKey = json.readTree(send(get("api/elections/" + election + "/box", null)).body()).get("signingKey")
                .asText();
        assertEquals(boxKey, signingKey, "the seal's record was signed with the key that then signed the box");
        String countSignature = send(get("admin/api/elections/" + election + "/minutes/count.pdf.sig", organizer))
                .body();
        assertEquals(0, verifyMinutes(countPdf.body(), countSignature, boxKey));
        assertArrayEquals(countPdf.body(), bytes(get("admin/api/elections/" + election + "/minutes/count.pdf",
                bailiff)).body());
        assertFalse(java.util.Arrays.equals(sealPdf.body(), countPdf.body()));
    }

    /** {@code tally verify-minutes}, as anyone would run it on the downloaded files. */
    private int verifyMinutes(byte[] pdf, String signature, String key) throws IOException {
        Path file = dir.resolve("minutes-" + System.nanoTime() + ".pdf");
        Files.write(file, pdf);
        Files.writeString(Path.of(file + ".sig"), signature);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TallyCommand.run(new String[] {"verify-minutes", "--key", key, file.toString()},
                new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(exit == 0 || exit == 3, out + " " + err);
        return exit;
    }

    private List<String> credentials(List<String> phones) throws Exception {
        Pattern link = Pattern.compile("vote\\.html#e=" + election + "&c=([A-Za-z0-9_-]{22})");
        String[] byVoter = new String[phones.size()];
        for (JsonNode message : json.readTree(send(get("admin/api/notifications/outbox?limit=500", organizer)).body())) {
            Matcher found = link.matcher(message.path("text").asText());
            String recipient = message.path("recipient").asText().replaceAll("[^0-9]", "");
            for (int i = 0; i < phones.size(); i++) {
                if (message.get("template").asText().equals("voting.opened") && found.find(0)
                        && recipient.endsWith(phones.get(i).replace(" ", "").substring(1))) {
                    byVoter[i] = found.group(1);
                }
            }
        }
        assertTrue(java.util.Arrays.stream(byVoter).allMatch(java.util.Objects::nonNull), "every voter got a link");
        return List.of(byVoter);
    }

    /** The newest unused code the console stand-in sent to this phone since a moment. */
    private String code(String phone, Instant since) throws Exception {
        String digits = phone.replace(" ", "");
        String masked = "+33*******" + digits.substring(digits.length() - 2);
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode sent : json.readTree(send(get("admin/api/console/codes", organizer)).body())) {
                if (sent.get("phone").asText().equals(masked) && !sent.get("used").asBoolean()
                        && !Instant.parse(sent.get("sentAt").asText()).isBefore(since)) {
                    return sent.get("code").asText();
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no code was sent to " + masked + " since " + since);
    }

    private HttpResponse<String> bring(String trustee, String purpose) throws Exception {
        String body = json.writeValueAsString(Map.of("purpose", purpose, "share", shares.get(trustee),
                "passphrase", "passphrase of " + trustee));
        return send(post("admin/api/trustee/elections/" + election + "/shares", body, passwords.get(trustee)));
    }

    private String account(String username, String role) throws Exception {
        HttpResponse<String> created = send(post("admin/api/accounts",
                "{\"username\":\"" + username + "\",\"roles\":[\"" + role + "\"]}", organizer));
        assertEquals(201, created.statusCode(), created.body());
        return basic(username, json.readTree(created.body()).get("password").asText());
    }

    private void waitForState(String state, Instant deadline) throws Exception {
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = json.readTree(send(get("admin/api/elections/" + election, organizer)).body()).get("state").asText();
            if (seen.equals(state)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("election " + election + " is " + seen + ", not " + state);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> bytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder get(String path, String authorization) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).GET(), authorization);
    }

    private HttpRequest.Builder post(String path, String body, String authorization) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), authorization);
    }

    private HttpRequest.Builder put(String path, String body, String authorization) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), authorization);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
