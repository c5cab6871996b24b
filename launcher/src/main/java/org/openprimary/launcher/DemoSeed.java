package org.openprimary.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
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
 * then its registration opened. Does nothing when an election already exists.
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

    /** @return the id of the election seeded now, or {@code null} when elections already existed */
    String seedIfEmpty() throws IOException, InterruptedException {
        JsonNode existing = call("GET", "admin/api/elections", null, 200);
        if (existing.size() > 0) {
            return null;
        }
        String body = json.writeValueAsString(Map.of("title", TITLE, "candidates", CANDIDATES));
        String id = call("POST", "admin/api/elections", body, 201).get("id").asText();
        call("POST", "admin/api/elections/" + id + "/open-registration", null, 200);
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
