package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.openprimary.testing.PostgresSession;

/**
 * The README's Run command, minus Maven: the launcher brings the whole platform up (its own
 * PostgreSQL, Payara Server, the EAR, the demo election), and takes it all down again. Runs before
 * {@link PlatformIT} (alphabetical order), on the run's Payara Server copy.
 */
// First of all (ClassOrderer$OrderAnnotation, launcher/src/it-resources/junit-platform.properties): it runs the
// launcher's own Payara Server on 8080/4848, which must be up before, never during, the ITs' Arquillian server.
@org.junit.jupiter.api.Order(1)
class LauncherIT {

    private static final URI BASE = URI.create("http://localhost:8080/");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theLauncherStartsItsOwnDatabaseSeedsTheDemoAndStopsEverything() throws Exception {
        Path home = freshHome("embedded");
        String dbPort = System.getProperty("openprimary.test.launcher.pg.port");
        Launcher launcher = launcher(Map.of("OPENPRIMARY_EMBEDDED_DB_PORT", dbPort), home);
        try {
            launcher.start();

            JsonNode open = json.readTree(get("api/elections?state=REGISTRATION", null).body());
            assertEquals(1, open.size(), open.toString());
            assertEquals(DemoSeed.TITLE, open.get(0).get("title").asText());
            assertEquals(DemoSeed.CANDIDATES.size(), open.get(0).get("candidates").size());

            Path passwordFile = home.resolve(".openprimary/demo-admin-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            String password = Files.readString(passwordFile).strip();
            assertTrue(password.length() >= 12);
            assertEquals(200, get("admin/api/elections", basic("organizer", password)).statusCode());
            Path accounts = home.resolve(".openprimary/demo-accounts");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(accounts)));
            String trustee = Files.readAllLines(accounts).stream().filter(l -> l.startsWith("trustee-2 ")).findFirst()
                    .orElseThrow().split(" ")[1];
            String election = open.get(0).get("id").asText();
            JsonNode trustees = json.readTree(get("admin/api/elections/" + election + "/trustees",
                    basic("trustee-2", trustee)).body());
            assertEquals(3, trustees.size(), "the demo election has three trustees, the seed's accounts");
            assertTrue(Files.isDirectory(home.resolve(".openprimary/postgres")), "the data stays in .openprimary/");
            assertFalse(get("", null).headers().firstValue("Server").isPresent(), "the server does not name itself");
            HttpResponse<byte[]> page = gzipped("vote.html");
            assertEquals("gzip", page.headers().firstValue("Content-Encoding").orElse("none"), "pages travel compressed");
            String vote = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(page.body()))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(vote.contains("<html") && page.body().length < vote.length(), "a smaller vote page, the same page");
            assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""), "kept, asked again each time");
            HttpResponse<byte[]> api = gzipped("api/elections?state=REGISTRATION");
            assertEquals(200, api.statusCode());
            assertFalse(api.headers().firstValue("Content-Encoding").isPresent(),
                    "the API's JSON is not compressed (BREACH: secrets next to what the client sent)");
        } finally {
            launcher.stop();
        }
        assertClosed(8080);
        assertClosed(4848);
        assertClosed(Integer.parseInt(dbPort));
    }

    @Test
    void withADatabaseUrlTheLauncherStartsNoDatabase() throws Exception {
        Path home = freshHome("external");
        String database = "launcher_external_" + System.nanoTime();
        try (Connection c = PostgresSession.dataSource().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + database);
        }
        String url = System.getProperty(PostgresSession.URL).replaceFirst("/postgres\\b", "/" + database);
        Launcher launcher = launcher(Map.of(
                "OPENPRIMARY_DB_URL", url,
                "OPENPRIMARY_DB_USER", System.getProperty(PostgresSession.USER),
                "OPENPRIMARY_DB_PASSWORD", System.getProperty(PostgresSession.PASSWORD)), home);
        try {
            launcher.start();
            assertEquals(200, get("health/ready", null).statusCode());
        } finally {
            launcher.stop();
        }
        assertFalse(Files.exists(home.resolve(".openprimary/postgres")), "no embedded database was started");
        try (Connection c = java.sql.DriverManager.getConnection(url,
                System.getProperty(PostgresSession.USER), System.getProperty(PostgresSession.PASSWORD));
                ResultSet rows = c.createStatement().executeQuery(
                        "SELECT count(*) FROM voting.election WHERE title = '" + DemoSeed.TITLE.replace("'", "''") + "'")) {
            rows.next();
            assertTrue(rows.getInt(1) >= 1, "the demo election is in the configured database");
        }
    }

    /**
     * The platform with its real providers' SDKs against local fakes (Twilio's API in WireMock, a real
     * SMTP server, Stripe's API and Stripe.js in {@link FakeStripe}): a citizen gets from identity to the
     * roll through the public API; a whole election is held with the phone codes from Twilio Verify, the
     * voting links sent by Twilio's Messages API and the receipts by email; citizens give their card in
     * Stripe's form in Chromium ({@link StripeCardStepInChromium}); and drill 4 of
     * issue 5, the providers failing: with Twilio slow a registration is recorded and says its code did
     * not go, asking again is a clear 503 with {@code Retry-After}, and once Twilio answers the citizen
     * goes on with their resume token (nothing started over); with the SMTP server down the email link
     * waits and is sent once when it is back, and no registration is refused.
     */
    @Test
    void withTheRealProvidersCitizensRegisterAndVoteAndProviderOutagesAreClearAnswersThatLoseNothing() throws Exception {
        Path home = freshHome("providers");
        WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
        int smtpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        ServerSetup smtpSetup = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail smtp = new GreenMail(smtpSetup);
        smtp.start();
        FakeStripe stripe = new FakeStripe();
        String service = "VA00000000000000000000000000000001";
        String account = "AC00000000000000000000000000000001";
        String verifications = "/v2/Services/" + service + "/Verifications";
        twilio.stubFor(WireMock.post(WireMock.urlEqualTo(verifications)).willReturn(verification("pending")));
        twilio.stubFor(WireMock.post(WireMock.urlEqualTo("/v2/Services/" + service + "/VerificationCheck"))
                .willReturn(verification("approved")));
        twilio.stubFor(WireMock.post(WireMock.urlEqualTo("/2010-04-01/Accounts/" + account + "/Messages.json"))
                .willReturn(WireMock.aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM00000000000000000000000000000042\",\"account_sid\":\"" + account
                                + "\",\"to\":\"+33612340001\",\"body\":\"x\",\"status\":\"accepted\",\"num_segments\":\"1\","
                                + "\"direction\":\"outbound-api\",\"date_created\":\"Wed, 02 Dec 2026 12:00:00 +0000\"}")));
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "OPENPRIMARY_EMBEDDED_DB_PORT", System.getProperty("openprimary.test.launcher.pg.port"),
                "OPENPRIMARY_SMS_PROVIDER", "twilio",
                "OPENPRIMARY_TWILIO_ACCOUNT_SID", account,
                "OPENPRIMARY_TWILIO_AUTH_TOKEN", "launcher-it-auth-token",
                "OPENPRIMARY_TWILIO_VERIFY_SERVICE_SID", service,
                "OPENPRIMARY_TWILIO_MESSAGING_SERVICE_SID", "MG00000000000000000000000000000001",
                "OPENPRIMARY_TWILIO_API_BASE", twilio.baseUrl(),
                "OPENPRIMARY_TWILIO_RESPONSE_TIMEOUT_MS", "1500",
                "OPENPRIMARY_EMAIL_PROVIDER", "smtp",
                "OPENPRIMARY_SMTP_HOST", "127.0.0.1"));
        env.put("OPENPRIMARY_SMTP_PORT", String.valueOf(smtpPort));
        env.put("OPENPRIMARY_SMTP_FROM", "OpenPrimary <noreply@primaire.example>");
        env.put("OPENPRIMARY_SMTP_STARTTLS", "false");
        env.put("OPENPRIMARY_VOTING_TICK_SECONDS", "1");
        env.put("OPENPRIMARY_BOX_CHECKPOINT_SECONDS", "2");
        env.put("OPENPRIMARY_CARD_PROVIDER", "stripe");
        env.put("OPENPRIMARY_STRIPE_SECRET_KEY", FakeStripe.SECRET_KEY);
        env.put("OPENPRIMARY_STRIPE_PUBLISHABLE_KEY", FakeStripe.PUBLISHABLE_KEY);
        env.put("OPENPRIMARY_STRIPE_API_BASE", stripe.apiBase());
        env.put("OPENPRIMARY_STRIPE_READ_TIMEOUT_MS", "1500");
        env.put("OPENPRIMARY_CARD_HASH_KEY", "launcher-it-card-hash-key-of-at-least-32-characters");
        Launcher launcher = launcher(env, home);
        try {
            launcher.start();
            String election = json.readTree(get("api/elections?state=REGISTRATION", null).body()).get(0).get("id").asText();

            // From identity to the roll: the code by Twilio Verify, the link by email.
            JsonNode camille = json.readTree(register(election, "Camille", "+33612340001", "camille@primaire.example")
                    .body());
            twilio.verify(WireMock.postRequestedFor(WireMock.urlEqualTo(verifications))
                    .withRequestBody(WireMock.containing("To=%2B33612340001")).withRequestBody(WireMock.containing("Channel=sms")));
            String token = camille.get("resumeToken").asText();
            HttpResponse<String> phone = post("api/registrants/" + camille.get("id").asText() + "/phone/verify",
                    "{\"code\":\"123456\"}", "Bearer " + token);
            assertEquals(200, phone.statusCode(), phone.body());
            assertTrue(smtp.waitForIncomingEmail(60_000, 1), "the email link went through the SMTP server");
            String emailToken = emailToken(smtp, "camille@primaire.example");
            JsonNode onRoll = json.readTree(post("api/registrants/" + camille.get("id").asText() + "/email/verify",
                    "{\"token\":\"" + emailToken + "\"}", null).body());
            assertEquals("ON_ROLL", onRoll.get("status").asText(), onRoll.toString());

            smtp = aWholeElectionWithTheRealProviders(home, twilio, smtp, account, smtpSetup);

            // The card step in Chromium: Stripe.js on the page, the card's number to Stripe only.
            new StripeCardStepInChromium(BASE, stripe).run(basic("organizer",
                    Files.readString(home.resolve(".openprimary/demo-admin-password")).strip()));

            // Twilio slow: the registration is recorded and says the code did not go; once Twilio answers,
            // the citizen asks for it again with their resume token and goes on, nothing started over.
            twilio.stubFor(WireMock.post(WireMock.urlEqualTo(verifications))
                    .willReturn(verification("pending").withFixedDelay(5_000)));
            HttpResponse<String> slow = register(election, "Dominique", "+33612340002", "dominique@primaire.example");
            assertEquals(201, slow.statusCode(), slow.body());
            JsonNode dominique = json.readTree(slow.body());
            assertEquals("NOT_SENT", dominique.get("phoneCode").asText(), slow.body());
            String resume = "Bearer " + dominique.get("resumeToken").asText();
            String path = "api/registrants/" + dominique.get("id").asText();
            HttpResponse<String> stillSlow = post(path + "/phone/code", "{\"channel\":\"sms\"}", resume);
            assertEquals(503, stillSlow.statusCode(), stillSlow.body());
            assertTrue(stillSlow.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals("phone", json.readTree(stillSlow.body()).get("field").asText(), stillSlow.body());
            assertTrue(stillSlow.headers().firstValue("Retry-After").isPresent(), "told when to try again");
            twilio.stubFor(WireMock.post(WireMock.urlEqualTo(verifications)).willReturn(verification("pending")));
            HttpResponse<String> resent = post(path + "/phone/code", "{\"channel\":\"sms\"}", resume);
            assertEquals(202, resent.statusCode(), resent.body());
            HttpResponse<String> verified = post(path + "/phone/verify", "{\"code\":\"123456\"}", resume);
            assertEquals(200, verified.statusCode(), verified.body());
            assertTrue(json.readTree(verified.body()).get("verifiedFactors").toString().contains("PHONE"), verified.body());
            assertEquals("SENT", camille.get("phoneCode").asText(), "the first citizen's code went at once");

            // The SMTP server down: the registration is taken, its email link waits and goes when it is back.
            smtp.stop();
            HttpResponse<String> offline = register(election, "Eden", "+33612340003", "eden@primaire.example");
            assertEquals(201, offline.statusCode(), "email down refuses nobody: " + offline.body());
            Thread.sleep(3_000); // at least one attempt fails against the closed port
            smtp = new GreenMail(smtpSetup);
            smtp.start();
            assertTrue(smtp.waitForIncomingEmail(90_000, 1), "the link is retried until the server takes it");
            assertEquals(1, smtp.getReceivedMessagesForDomain("eden@primaire.example").length,
                    "sent once, when the server is back");
        } finally {
            launcher.stop();
            smtp.stop();
            twilio.stop();
            stripe.close();
        }
    }

    /**
     * An election of two voters, sealed by the demo's bailiff, opened and closed by the clock, counted
     * by two of three trustees and published, where every code, link and receipt went through the real
     * Twilio SDK (Verify, Messages) or the SMTP server. The second voter casts while the SMTP server is
     * down: the ballot is taken at once and the receipt goes when the server is back (drill 4).
     *
     * @return the SMTP server now running
     */
    private GreenMail aWholeElectionWithTheRealProviders(Path home, WireMockServer twilio, GreenMail smtp, String account,
            ServerSetup smtpSetup) throws Exception {
        Map<String, String> demo = new java.util.HashMap<>();
        for (String line : Files.readAllLines(home.resolve(".openprimary/demo-accounts"))) {
            String[] fields = line.strip().split(" ");
            if (fields.length >= 2 && !line.startsWith("#")) {
                demo.put(fields[0], basic(fields[0], fields[1]));
            }
        }
        String organizer = basic("organizer", Files.readString(home.resolve(".openprimary/demo-admin-password")).strip());
        HttpResponse<String> created = post("admin/api/elections", "{\"title\":\"Primaire aux vrais fournisseurs\","
                + "\"candidates\":[\"Alice\",\"Bob\"],\"requiredFactors\":[\"PHONE\",\"EMAIL\"]}", organizer);
        assertEquals(201, created.statusCode(), created.body());
        String election = json.readTree(created.body()).get("id").asText();
        assertEquals(200, post("admin/api/elections/" + election + "/open-registration", "", organizer).statusCode());
        String[][] voters = {{"Gabriel", "+33612340011", "gabriel@primaire.example"},
            {"Hana", "+33612340012", "hana@primaire.example"}};
        for (String[] voter : voters) {
            int mails = smtp.getReceivedMessagesForDomain(voter[2]).length;
            JsonNode registered = json.readTree(register(election, voter[0], voter[1], voter[2]).body());
            String resume = "Bearer " + registered.get("resumeToken").asText();
            String path = "api/registrants/" + registered.get("id").asText();
            assertEquals(200, post(path + "/phone/verify", "{\"code\":\"123456\"}", resume).statusCode());
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            while (smtp.getReceivedMessagesForDomain(voter[2]).length == mails && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            JsonNode status = json.readTree(post(path + "/email/verify", "{\"token\":\"" + emailToken(smtp, voter[2])
                    + "\"}", null).body());
            assertEquals("ON_ROLL", status.get("status").asText(), status.toString());
        }
        List<String> trustees = List.of("trustee-1", "trustee-2", "trustee-3");
        HttpResponse<String> named = put("admin/api/elections/" + election + "/trustees",
                "{\"trustees\":[\"trustee-1\",\"trustee-2\",\"trustee-3\"],\"threshold\":2}", organizer);
        assertEquals(200, named.statusCode(), named.body());
        for (String trustee : trustees) {
            HttpResponse<String> chosen = put("admin/api/trustee/elections/" + election + "/passphrase",
                    "{\"passphrase\":\"passphrase of " + trustee + "\"}", demo.get(trustee));
            assertEquals(200, chosen.statusCode(), chosen.body());
        }
        java.time.Instant opens = java.time.Instant.now().plusSeconds(20);
        java.time.Instant closes = opens.plusSeconds(25);
        assertEquals(200, put("admin/api/elections/" + election + "/schedule", "{\"votingOpensAt\":\"" + opens
                + "\",\"votingClosesAt\":\"" + closes + "\"}", organizer).statusCode());
        String fingerprint = json.readTree(post("admin/api/elections/" + election + "/seal/proposal", "", organizer).body())
                .get("fingerprint").asText();
        HttpResponse<String> sealed = post("admin/api/bailiff/elections/" + election + "/seal",
                "{\"fingerprint\":\"" + fingerprint + "\"}", demo.get("bailiff"));
        assertEquals(200, sealed.statusCode(), sealed.body());
        Map<String, String> shares = new java.util.TreeMap<>();
        for (String trustee : trustees) {
            HttpResponse<String> share = post("admin/api/trustee/elections/" + election + "/share/download", "",
                    demo.get(trustee));
            assertEquals(200, share.statusCode(), share.body());
            shares.put(trustee, share.body());
        }
        bring(election, "trustee-1", "rehearsal", shares, demo);
        assertEquals("REHEARSAL_PASSED", json.readTree(bring(election, "trustee-3", "rehearsal", shares, demo).body())
                .get("status").asText());

        waitForState(election, "VOTING", opens.plusSeconds(30), organizer);
        // The voting links, as Twilio's Messages API received them (the SMS body, form-encoded).
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("vote\\.html%23e%3D" + election
                + "%26c%3D([A-Za-z0-9_-]{22})");
        Map<String, String> credentials = new java.util.TreeMap<>();
        java.time.Instant linksDeadline = java.time.Instant.now().plusSeconds(60);
        while (credentials.size() < 2 && java.time.Instant.now().isBefore(linksDeadline)) {
            post("admin/api/notifications/outbox/dispatch", "", organizer);
            for (com.github.tomakehurst.wiremock.verification.LoggedRequest sms : twilio.findAll(WireMock.postRequestedFor(
                    WireMock.urlEqualTo("/2010-04-01/Accounts/" + account + "/Messages.json")))) {
                java.util.regex.Matcher found = link.matcher(sms.getBodyAsString());
                java.util.regex.Matcher to = java.util.regex.Pattern.compile("To=%2B(\\d+)").matcher(sms.getBodyAsString());
                if (found.find() && to.find()) {
                    credentials.put("+" + to.group(1), found.group(1));
                }
            }
            Thread.sleep(300);
        }
        assertEquals(2, credentials.size(), "each voter's link went by SMS through Twilio: " + credentials.keySet());

        String[][] ballots = {{"Très bien", "Passable"}, {"Bien", "Très bien"}};
        int checksBefore = twilio.findAll(WireMock.postRequestedFor(WireMock.urlMatching("/v2/Services/.*/VerificationCheck")))
                .size();
        for (int v = 0; v < 2; v++) {
            String credential = credentials.get(voters[v][1]);
            int verifications = twilio.findAll(WireMock.postRequestedFor(WireMock.urlMatching("/v2/Services/.*/Verifications"))
                    .withRequestBody(WireMock.containing("To=%2B" + voters[v][1].substring(1)))).size();
            HttpResponse<String> code = post("api/elections/" + election + "/ballot/code", "{\"credential\":\""
                    + credential + "\"}", null);
            assertEquals(202, code.statusCode(), code.body());
            assertEquals(verifications + 1, twilio.findAll(WireMock.postRequestedFor(WireMock.urlMatching(
                    "/v2/Services/.*/Verifications")).withRequestBody(WireMock.containing("To=%2B" + voters[v][1].substring(1))))
                    .size(), "the voting code went through Twilio Verify");
            int mails = smtp.getReceivedMessagesForDomain(voters[v][2]).length;
            if (v == 1) {
                smtp.stop();
            }
            HttpResponse<String> cast = post("api/elections/" + election + "/ballots", "{\"credential\":\"" + credential
                    + "\",\"code\":\"123456\",\"grades\":[\"" + String.join("\",\"", ballots[v]) + "\"]}", null);
            assertEquals(201, cast.statusCode(), cast.body());
            String receipt = json.readTree(cast.body()).get("receipt").asText();
            if (v == 1) {
                assertEquals(200, get("api/elections/" + election + "/receipts/" + receipt, null).statusCode(),
                        "the ballot is in the box while its receipt email waits for the SMTP server");
                Thread.sleep(3_000); // the receipt's first attempts fail against the closed port
                smtp = new GreenMail(smtpSetup);
                smtp.start();
                mails = 0;
            }
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            while (smtp.getReceivedMessagesForDomain(voters[v][2]).length == mails && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            jakarta.mail.internet.MimeMessage[] received = smtp.getReceivedMessagesForDomain(voters[v][2]);
            assertTrue(received.length > mails, "the receipt went by email");
            String text = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(received[received.length - 1])
                    .replace("=\r\n", "");
            assertTrue(text.contains(receipt.substring(0, 16)), "the email carries the receipt " + receipt);
        }
        assertEquals(checksBefore + 2, twilio.findAll(WireMock.postRequestedFor(WireMock.urlMatching(
                "/v2/Services/.*/VerificationCheck")).withRequestBody(WireMock.containing("Code=123456"))).size(),
                "each cast's code was checked by Twilio Verify");

        waitForState(election, "CLOSED", closes.plusSeconds(30), organizer);
        bring(election, "trustee-2", "count", shares, demo);
        assertEquals("COUNTING", json.readTree(bring(election, "trustee-3", "count", shares, demo).body())
                .get("status").asText());
        waitForState(election, "COUNTED", java.time.Instant.now().plusSeconds(60), organizer);
        assertEquals(200, post("admin/api/elections/" + election + "/publish", "", organizer).statusCode());
        JsonNode result = json.readTree(get("api/elections/" + election + "/result", null).body());
        assertEquals(2, result.get("ballots").asLong(), result.toString());
        HttpResponse<byte[]> record = http.send(HttpRequest.newBuilder(BASE.resolve("api/elections/" + election + "/record"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, record.statusCode());
        org.openprimary.tally.control.RecordReport report = org.openprimary.tally.control.RecordVerifier.verify(
                new java.io.ByteArrayInputStream(record.body()));
        assertTrue(report.verified(), report.toString());
        return smtp;
    }

    private HttpResponse<String> bring(String election, String trustee, String purpose, Map<String, String> shares,
            Map<String, String> accounts) throws IOException, InterruptedException {
        HttpResponse<String> brought = post("admin/api/trustee/elections/" + election + "/shares", json.writeValueAsString(
                Map.of("purpose", purpose, "share", shares.get(trustee), "passphrase", "passphrase of " + trustee)),
                accounts.get(trustee));
        assertEquals(200, brought.statusCode(), brought.body());
        return brought;
    }

    private void waitForState(String election, String state, java.time.Instant deadline, String organizer)
            throws Exception {
        String seen = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            seen = json.readTree(get("admin/api/elections/" + election, organizer).body()).get("state").asText();
            if (seen.equals(state)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("election " + election + " is " + seen + ", not " + state);
    }

    private HttpResponse<String> put(String path, String body, String authorization) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(30))
                .version(HttpClient.Version.HTTP_1_1).header("Content-Type", "application/json")
                .header("Authorization", authorization).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder verification(String status) {
        return WireMock.aResponse().withStatus(status.equals("pending") ? 201 : 200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"VE00000000000000000000000000000001\",\"service_sid\":\"VA00000000000000000000000000000001\","
                        + "\"account_sid\":\"AC00000000000000000000000000000001\",\"to\":\"+33612340001\",\"channel\":\"sms\","
                        + "\"status\":\"" + status + "\",\"valid\":" + status.equals("approved") + ","
                        + "\"date_created\":\"2026-12-02T12:00:00Z\",\"date_updated\":\"2026-12-02T12:00:00Z\"}");
    }

    private HttpResponse<String> register(String election, String firstName, String phone, String email)
            throws IOException, InterruptedException {
        return post("api/elections/" + election + "/registrants", "{\"firstName\":\"" + firstName
                + "\",\"lastName\":\"Durand\",\"phone\":\"" + phone + "\",\"email\":\"" + email
                + "\",\"charterVersion\":\"1\",\"privacyVersion\":\"1\",\"language\":\"fr\"}", null);
    }

    /** The token of the newest email link sent to the address ({@code verify-email.html#r=ID&t=TOKEN}). */
    private static String emailToken(GreenMail smtp, String address) throws Exception {
        jakarta.mail.internet.MimeMessage[] messages = smtp.getReceivedMessagesForDomain(address);
        String text = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(messages[messages.length - 1])
                .replace("=\r\n", "").replace("=3D", "=");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("verify-email\\.html#r=[0-9a-f-]+&(?:amp;)?t=([A-Za-z0-9_-]+)")
                .matcher(text);
        assertTrue(link.find(), "the email carries the link: " + text);
        return link.group(1);
    }

    private HttpResponse<String> post(String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(30))
                .version(HttpClient.Version.HTTP_1_1).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Launcher launcher(Map<String, String> env, Path home) {
        return new Launcher(env, home, Path.of(System.getProperty("openprimary.run.payara.home")),
                Path.of(System.getProperty("openprimary.ear")));
    }

    private static Path freshHome(String name) throws IOException {
        Path home = Path.of("target", "launcher-it", name).toAbsolutePath();
        if (Files.exists(home)) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(home);
    }

    private HttpResponse<byte[]> gzipped(String path) throws IOException, InterruptedException {
        // HTTP/1.1 as a browser speaks it to an http:// address (no h2c upgrade)
        return http.send(HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(30))
                .version(HttpClient.Version.HTTP_1_1).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertClosed(int port) {
        assertThrows(ConnectException.class, () -> new Socket("localhost", port).close(),
                "nothing listens on port " + port + " any more");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
