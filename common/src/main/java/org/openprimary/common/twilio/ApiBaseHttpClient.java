package org.openprimary.common.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * An HTTP client for the Twilio SDK that sends every call to another API base (scheme, host and
 * port) than Twilio's, keeping the path and query: how the real SDK talks to a local fake of
 * Twilio's API in tests, or to a proxy ({@code openprimary.twilio.api-base}). Without it the SDK's
 * own client is used.
 */
public final class ApiBaseHttpClient extends HttpClient {

    private final URI apiBase;
    private final Duration responseTimeout;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    public ApiBaseHttpClient(URI apiBase) {
        this(apiBase, Duration.ofSeconds(10));
    }

    /** @param responseTimeout how long a call may wait for Twilio's answer before it fails (retryable) */
    public ApiBaseHttpClient(URI apiBase, Duration responseTimeout) {
        this.apiBase = apiBase;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public Response makeRequest(Request request) {
        URL original = request.constructURL();
        URI target = apiBase.resolve(original.getFile());
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(responseTimeout);
        if (request.requiresAuthentication()) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (request.getUsername() + ":" + request.getPassword()).getBytes(StandardCharsets.UTF_8)));
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        builder.header("Accept", "application/json");
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
            builder.POST(HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8));
        } else {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.body(), response.statusCode());
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio's API did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while calling Twilio's API", e);
        }
    }
}
