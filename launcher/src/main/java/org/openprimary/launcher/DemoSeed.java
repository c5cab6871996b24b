package org.openprimary.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Seeds the demo through the admin API, as an organizer would: a draft election with candidates,
 * its registration opened, a bailiff and three trustees (any two of whom can count). Does nothing
 * when an election already exists.
 */
final class DemoSeed {

    static final String TITLE = "Primaire citoyenne 2027 (démo)";
    static final List<String> CANDIDATES = List.of(
            "Camille Durand", "Karim Benali", "Sophie Martin", "Lucas Nguyen", "Élise Moreau");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String authorization;

    DemoSeed(URI base, String username, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The demo's other accounts: a bailiff, and three trustees of whom any two can count. */
    static final List<String> ACCOUNTS = List.of("bailiff", "trustee-1", "trustee-2", "trustee-3");

    /**
     * Seeds the demo election, the bailiff's and the trustees' accounts (their passwords written to
     * {@code accountsFile}, owner-only), and names the trustees of the election with a threshold of two.
     *
     * @return the id of the election seeded now, or {@code null} when elections already existed
     */
    String seedIfEmpty(Path accountsFile) throws IOException, InterruptedException {
        JsonNode existing = call("GET", "admin/api/elections", null, 200);
        if (existing.size() > 0) {
            return null;
        }
        String body = json.writeValueAsString(Map.of("title", TITLE, "candidates", CANDIDATES));
        String id = call("POST", "admin/api/elections", body, 201).get("id").asText();
        call("POST", "admin/api/elections/" + id + "/open-registration", null, 200);
        StringBuilder accounts = new StringBuilder("# The demo's accounts (username password); the organizer's is in"
                + " demo-admin-password.\n");
        for (String username : ACCOUNTS) {
            String role = username.startsWith("trustee") ? "TRUSTEE" : "BAILIFF";
            JsonNode created = call("POST", "admin/api/accounts", json.writeValueAsString(
                    Map.of("username", username, "roles", List.of(role))), 201);
            accounts.append(username).append(' ').append(created.get("password").asText()).append('\n');
        }
        Files.writeString(accountsFile, accounts, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(accountsFile, PosixFilePermissions.fromString("rw-------"));
        call("PUT", "admin/api/elections/" + id + "/trustees", json.writeValueAsString(
                Map.of("trustees", ACCOUNTS.subList(1, 4), "threshold", 2)), 200);
        return id;
    }

    private JsonNode call(String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
