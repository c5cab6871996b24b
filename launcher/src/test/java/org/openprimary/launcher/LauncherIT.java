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
import java.util.Map;
import java.util.stream.Stream;
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
