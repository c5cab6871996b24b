package org.openprimary.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registrations per second against a running platform (loopback only), with the demo's stand-ins:
 * an election requiring the card imprint (demo test cards), then {@code registrations} citizens
 * registered by {@code workers} concurrent clients, each going register (whose answer carries the card
 * step's setup) → card verify until on the roll. Bounded in count and time; it stops by itself.
 *
 * <p>Citizens register from their own addresses, not from one: each citizen's requests carry an
 * {@code X-Forwarded-For} of its own (10.0.0.0/8, from a random start each run), which a platform
 * behind a trusted balancer reads as the client's address ({@code OPENPRIMARY_HTTP_TRUST_FORWARDED_FOR=true},
 * what bench/run.sh and every instance of scripts/cluster.sh set), so the per-address limits apply
 * to each citizen as in a real primary instead of making one bucket row every request waits on. A
 * platform that does not trust the header sees every request come from 127.0.0.1: start it with the
 * per-address limits raised ({@code OPENPRIMARY_LIMITS_REGISTRATIONS_PER_ADDRESS_PER_HOUR=100000000
 * OPENPRIMARY_LIMITS_CARD_SETUPS_PER_ADDRESS_PER_HOUR=100000000}; bench/run.sh does both).
 */
final class RegistrationLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern TOKEN = Pattern.compile("\"resumeToken\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");
    private static final Pattern SETUP = Pattern.compile("\"setupId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);

    private RegistrationLoad() {
    }

    /**
     * @param warmup registrations first made by the same workers and not timed (the JIT warms up, as the
     *        cast's generator lets it), on the same election
     */
    static String run(URI base, String adminUser, String adminPassword, int registrations, int workers, int warmup)
            throws Exception {
        if (!base.getHost().equals("localhost") && !base.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("the load generator only targets loopback addresses");
        }
        // HTTP/1.1, a connection per request in flight, as the cast's generator does: citizens are many
        // clients, and the default (HTTP/2 upgraded over cleartext) carries every worker on one connection
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(workers)).build();
        String admin = "Basic " + Base64.getEncoder().encodeToString((adminUser + ":" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        String election = match(ID, call(http, base, "POST", "admin/api/elections",
                "{\"title\":\"Bench " + System.nanoTime() + "\",\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"CARD\"]}",
                admin, 201));
        call(http, base, "POST", "admin/api/elections/" + election + "/open-registration", "", admin, 200);

        int firstAddress = ThreadLocalRandom.current().nextInt(1 << 23); // 10.0.0.0/8 holds 2^24
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicInteger failures = new AtomicInteger();
        if (warmup > 0) {
            wave(pool, http, base, election, firstAddress - warmup, new long[warmup], workers,
                    new AtomicInteger(), System.nanoTime() + TIME_LIMIT.toNanos());
        }
        long[] latencies = new long[registrations];
        long start = System.nanoTime();
        wave(pool, http, base, election, firstAddress, latencies, workers, failures, start + TIME_LIMIT.toNanos());
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] done = java.util.Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        String roll = call(http, base, "GET", "api/elections/" + election + "/roll", null, null, 200);
        return String.format(Locale.ROOT, "{\"benchmark\": \"registration.completed\", \"registrations\": %d,"
                + " \"warmup\": %d, \"completed\": %d, \"failures\": %d, \"workers\": %d, \"seconds\": %.2f,"
                + " \"completedPerSecond\": %.1f, \"p50Millis\": %.1f, \"p99Millis\": %.1f,"
                + " \"clientAddresses\": \"one per citizen, in X-Forwarded-For\", \"roll\": %s}",
                registrations, warmup, done.length, failures.get(), workers, seconds, done.length / seconds,
                percentile(done, 0.50), percentile(done, 0.99), roll.replaceAll("\\s+", ""));
    }

    /** {@code latencies.length} registrations by {@code workers} clients, citizen i from address {@code firstAddress + i}. */
    private static void wave(ExecutorService pool, HttpClient http, URI base, String election, int firstAddress,
            long[] latencies, int workers, AtomicInteger failures, long deadline) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < latencies.length && System.nanoTime() < deadline;
                        i = next.getAndIncrement()) {
                    long begin = System.nanoTime();
                    try {
                        register(http, base, election, address(firstAddress + i));
                        latencies[i] = System.nanoTime() - begin;
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        latencies[i] = -1;
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
    }

    /** The {@code n}-th address of 10.0.0.0/8 (wrapping), never ending in .0 or .255. */
    static String address(int n) {
        int host = Math.floorMod(n, 254 * 65536);
        return "10." + (host / (254 * 256)) + "." + (host / 254 % 256) + "." + (1 + host % 254);
    }

    private static void register(HttpClient http, URI base, String election, String address)
            throws IOException, InterruptedException {
        String registered = call(http, base, "POST", "api/elections/" + election + "/registrants",
                "{\"firstName\":\"Bench\",\"lastName\":\"Citizen\",\"charterVersion\":\"1\",\"privacyVersion\":\"1\"}",
                null, 201, address);
        String id = match(ID, registered);
        String bearer = "Bearer " + match(TOKEN, registered);
        // the card step's setup comes with the registration; a platform that could not start it then
        // (the address's card budget spent, the provider down) leaves it to the card step
        Matcher started = SETUP.matcher(registered);
        String setup = started.find() ? started.group(1)
                : match(SETUP, call(http, base, "POST", "api/registrants/" + id + "/card/setup", "", bearer, 200, address));
        StringBuilder card = new StringBuilder("4");
        for (int d = 0; d < 15; d++) {
            card.append(ThreadLocalRandom.current().nextInt(10));
        }
        call(http, base, "POST", "api/registrants/" + id + "/card/verify",
                "{\"setupId\":\"" + setup + "\",\"demoCard\":\"" + card + "\"}", bearer, 200, address);
    }

    private static String call(HttpClient http, URI base, String method, String path, String body, String auth,
            int expected) throws IOException, InterruptedException {
        return call(http, base, method, path, body, auth, expected, null);
    }

    private static String call(HttpClient http, URI base, String method, String path, String body, String auth,
            int expected, String address) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (address != null) {
            request.header("X-Forwarded-For", address);
        }
        if (auth != null) {
            request.header("Authorization", auth);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String match(Pattern pattern, String body) throws IOException {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IOException("unexpected answer: " + body);
        }
        return matcher.group(1);
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
