package org.openprimary.launcher.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Drill 5 of issue 5: every endpoint of the OpenAPI document fed bad input, from a seeded
 * generator (the same seed sends the same requests). Two kinds of requests:
 *
 * <ul>
 * <li><b>invalid</b> ones (malformed JSON, bytes that are not UTF-8, a body of the wrong type or a
 * field of the wrong type, a wrong content type, a wrong method, a huge body, a hostile path or
 * bearer token): each must be refused with a 4xx {@code application/problem+json}, and together
 * they must change nothing (the caller compares the database before and after);
 * <li><b>hostile</b> ones (well-typed bodies whose strings are injection strings, control
 * characters, NUL, bidi overrides, combining marks, huge strings, and numbers past every range):
 * they may be accepted, but never with a 5xx, and every refusal is a problem+json.
 * </ul>
 *
 * Whatever the answer, it never carries a header the request smuggled in ({@code X-Injected}).
 */
public final class BadInputDrill {

    /** One endpoint of the OpenAPI document. */
    public record Endpoint(String method, String template, boolean hasBody, Map<String, String> fields,
            List<String> queryParameters) {

        String describe() {
            return method + " " + template;
        }
    }

    /** A request that broke a rule, and what came back. */
    public record Finding(String rule, String kind, Endpoint endpoint, RawHttp.Request request, int status, String answer) {

        public String key() {
            return rule + " " + kind + " " + endpoint.describe() + " -> " + status;
        }

        public String describe() {
            return key() + "\n" + request.describe() + "\n  answer: " + RawHttp.abbreviate(RawHttp.escape(answer), 500);
        }
    }

    /** Counts and findings of a run. */
    public static final class Report {
        public final long seed;
        public final Map<String, Finding> findings = new LinkedHashMap<>();
        public final Map<String, Integer> statuses = new TreeMap<>();
        public final Map<String, Integer> kinds = new TreeMap<>();
        public int requests;
        /** Requests the HTTP server refused before the application saw them (an empty 400). */
        public int refusedByTheHttpServer;
        /**
         * Requests whose address ends with a {@code /.} or {@code /..} segment that Payara's HTTP layer failed on
         * before the application (Grizzly's URI normalization reads past its buffer) and answered itself with an
         * empty 200: counted apart, docs/security.md "Dot segments"; the database comparison shows they changed
         * nothing, and the balancer refuses them in front of Payara.
         */
        public int failedInTheHttpServer;

        Report(long seed) {
            this.seed = seed;
        }

        public String summary() {
            return requests + " requests (seed " + seed + "), answers by status " + statuses + ", by kind " + kinds
                    + ", " + refusedByTheHttpServer + " refused by the HTTP server before the application, "
                    + failedInTheHttpServer + " failed in the HTTP server before the application (a trailing dot segment), "
                    + findings.size()
                    + " distinct findings";
        }
    }

    static final List<String> HOSTILE_STRINGS = List.of(
            "' OR '1'='1", "'; DROP TABLE election; --", "\" OR 1=1 --", "1; SELECT pg_sleep(0)--", "%' AND 1=0 UNION SELECT NULL--",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "\u0000", "a\u0000b", "\u0007\u0008\u001b[31m",
            "line\r\nX-Injected: 1", "\r\n\r\n<html>", "\u202eevil\u202c", "\u2066abc\u2069", "\u200b\u200c\u200d\ufeff",
            "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301", "Z\u0351\u0352\u0357\u035b\u0346\u0308\u0308\u0308", "\ud83d\ude00",
            "\ud800", "\udfff", "\uffff", "\u00c0\u00af", "ǅ ß ﬁ İ ı", "%00", "%0d%0aX-Injected:%201", "\\u0000",
            "null", "undefined", "NaN", "-1", "0", "1e309", "99999999999999999999999999", "true", "[]", "{}", "",
            " ", "\t\n", "a".repeat(300), "é".repeat(5_000), "x".repeat(70_000));

    static final List<String> HOSTILE_NUMBERS = List.of("-1", "0", "-0", "2147483648", "-2147483649", "9223372036854775808",
            "99999999999999999999999999999999999999", "1e309", "-1e309", "1.5", "0.0000000000000000000001", "1E+2147483647");

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    private final RawHttp http;
    private final List<Endpoint> endpoints;
    private final Function<Endpoint, Map<String, String>> parameters;
    private final Function<Endpoint, List<String[]>> credentials;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * @param parameters the real values of an endpoint's path parameters (an election, a registrant), so
     *     that requests reach the validation behind them
     * @param credentials the headers that let the request past the sign-in (an account holding every
     *     role, a registrant's bearer token)
     */
    public BadInputDrill(RawHttp http, List<Endpoint> endpoints, Function<Endpoint, Map<String, String>> parameters,
            Function<Endpoint, List<String[]>> credentials) {
        this.http = http;
        this.endpoints = endpoints;
        this.parameters = parameters;
        this.credentials = credentials;
    }

    /** The endpoints of an OpenAPI document (JSON), with each request body's fields and their types. */
    public static List<Endpoint> endpoints(JsonNode openapi) {
        List<Endpoint> found = new ArrayList<>();
        JsonNode schemas = openapi.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext();) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonNode body = operation.getValue().get("requestBody");
                Map<String, String> fields = new TreeMap<>();
                if (body != null) {
                    for (JsonNode media : body.path("content")) {
                        JsonNode schema = resolve(media.path("schema"), schemas);
                        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                                properties.hasNext();) {
                            Map.Entry<String, JsonNode> property = properties.next();
                            fields.put(property.getKey(), type(resolve(property.getValue(), schemas)));
                        }
                    }
                }
                List<String> query = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    if ("query".equals(parameter.path("in").asText())) {
                        query.add(parameter.get("name").asText());
                    }
                }
                found.add(new Endpoint(method, path.getKey(), body != null, fields, query));
            }
        }
        return found;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            return schemas.path(ref.asText().substring(ref.asText().lastIndexOf('/') + 1));
        }
        return schema;
    }

    private static String type(JsonNode schema) {
        String type = schema.path("type").asText("");
        if (type.isEmpty() && schema.has("properties")) {
            return "object";
        }
        if (type.isEmpty() && schema.has("enum")) {
            return "string";
        }
        return type.isEmpty() ? "any" : type;
    }

    /** Sends {@code count} requests of the invalid kinds and reports what broke a rule. */
    public Report invalid(long seed, int count) throws IOException {
        return run(seed, count, false);
    }

    /** Sends {@code count} well-typed requests with hostile values. */
    public Report hostile(long seed, int count) throws IOException {
        return run(seed, count, true);
    }

    private Report run(long seed, int count, boolean hostile) throws IOException {
        Report report = new Report(seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            Generated generated = hostile ? hostile(endpoint, random) : invalid(endpoint, random);
            if (generated == null) {
                i--;
                continue;
            }
            RawHttp.Response response;
            try {
                response = http.send(generated.request());
            } catch (IOException e) {
                record(report, new Finding("no-answer", generated.kind(), endpoint, generated.request(), 0, e.toString()));
                continue;
            }
            report.requests++;
            report.statuses.merge(String.valueOf(response.status()), 1, Integer::sum);
            report.kinds.merge(generated.kind(), 1, Integer::sum);
            check(report, endpoint, generated, response, hostile);
        }
        return report;
    }

    private void check(Report report, Endpoint endpoint, Generated generated, RawHttp.Response response, boolean hostile) {
        int status = response.status();
        if (response.headers().containsKey("x-injected")) {
            record(report, finding("header-injected", endpoint, generated, response));
        }
        if (status >= 500) {
            record(report, finding("5xx", endpoint, generated, response));
            return;
        }
        if (status == 400 && response.header("content-type") == null && response.body().isEmpty()) {
            // refused by Payara's HTTP layer (Grizzly) before any application code: a request line or a header
            // that is not valid (a percent-encoded NUL or non-UTF-8 byte in the path, a NUL in a header, a request
            // line over the header size limit). The EAR cannot answer these; counted apart, docs/security.md.
            report.refusedByTheHttpServer++;
            return;
        }
        if (failedInTheHttpServer(generated.request(), response)) {
            report.failedInTheHttpServer++;
            return;
        }
        if (status >= 400) {
            String problem = problemDefect(status, response);
            if (problem != null) {
                record(report, finding("not-a-problem: " + problem, endpoint, generated, response));
            }
            return;
        }
        boolean safe = generated.request().method().equals("GET");
        if (!hostile && !safe) {
            record(report, finding("accepted", endpoint, generated, response));
        }
    }

    /**
     * Payara's own answer to an address ending with a dot segment: Grizzly's URI normalization throws
     * (ArrayIndexOutOfBoundsException in {@code HttpRequestURIDecoder.normalizeBytes}, in its server log)
     * and Payara answers an empty 200 without running any application code: none of the headers every
     * answer of the EAR carries ({@code SecurityHeadersFilter}'s Content-Security-Policy) is there.
     * Any other 200 of such an address is still checked as usual.
     */
    static boolean failedInTheHttpServer(RawHttp.Request request, RawHttp.Response response) {
        String target = request.target();
        int query = target.indexOf('?');
        String path = (query >= 0 ? target.substring(0, query) : target).toLowerCase(java.util.Locale.ROOT)
                .replace("%2e", ".");
        return (path.endsWith("/.") || path.endsWith("/.."))
                && response.status() == 200 && response.body().isEmpty()
                && response.header("content-security-policy") == null && response.header("content-type") == null;
    }

    /** What is wrong with a refusal, or null when it is a proper problem+json. */
    String problemDefect(int status, RawHttp.Response response) {
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "content type " + type;
        }
        JsonNode problem;
        try {
            problem = json.readTree(response.body());
        } catch (IOException e) {
            return "body is not JSON";
        }
        if (problem == null || problem.path("status").asInt() != status) {
            return "status member is not " + status;
        }
        if (problem.path("title").asText("").isBlank() || problem.path("reason").asText("").isBlank()) {
            return "no title or reason";
        }
        if (status == 400 && problem.path("field").asText("").isBlank()) {
            return "a 400 that names no field";
        }
        return null;
    }

    private static Finding finding(String rule, Endpoint endpoint, Generated generated, RawHttp.Response response) {
        return new Finding(rule, generated.kind(), endpoint, generated.request(), response.status(), response.body());
    }

    private static void record(Report report, Finding finding) {
        report.findings.putIfAbsent(finding.key(), finding);
    }

    private record Generated(String kind, RawHttp.Request request) {
    }

    // ---- invalid requests

    private Generated invalid(Endpoint endpoint, SplittableRandom random) {
        int choice = random.nextInt(100);
        if (endpoint.hasBody()) {
            if (choice < 20) {
                return withBody(endpoint, "malformed-json", malformed(endpoint, random), "application/json", random);
            }
            if (choice < 30) {
                return withBody(endpoint, "not-utf8", notUtf8(random), "application/json", random);
            }
            if (choice < 42) {
                return withBody(endpoint, "wrong-top-type", bytes(pick(random, List.of("null", "[]", "[{}]", "\"text\"", "42",
                        "true", "1e999", "-0", "\"\\u0000\"", " null "))), "application/json", random);
            }
            if (choice < 62 && !endpoint.fields().isEmpty()) {
                return withBody(endpoint, "wrong-field-type", bytes(wrongFieldTypes(endpoint, random).toString()),
                        "application/json", random);
            }
            if (choice < 72 && !endpoint.fields().isEmpty()) {
                return withBody(endpoint, "wrong-content-type", bytes(wrongFieldTypes(endpoint, random).toString()),
                        pick(random, List.of("text/plain", "application/xml", "text/html", "multipart/form-data; boundary=x",
                                "application/x-www-form-urlencoded", "application/json; charset=EBCDIC-XYZ",
                                "application/json; charset=UTF-16", "application/octet-stream", "*/*", "application/json\u0000",
                                "", "application/problem+json")), random);
            }
            if (choice < 75 && !endpoint.fields().isEmpty()) {
                return withBody(endpoint, "huge-body", hugeBody(endpoint, random), "application/json", random);
            }
        }
        if (choice < 87) {
            Generated wrongMethod = wrongMethod(endpoint, random);
            if (wrongMethod != null) {
                return wrongMethod;
            }
        }
        if (choice < 95 && PARAMETER.matcher(endpoint.template()).find()) {
            return hostilePath(endpoint, random);
        }
        if (endpoint.template().startsWith("/api/registrants/")) {
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Authorization", "Bearer " + pick(random, List.of("", "x", "' OR 1=1 --", "a".repeat(5_000),
                    "ä\u0000", "null"))});
            headers.add(new String[] {"Content-Type", "application/json"});
            return new Generated("hostile-bearer", new RawHttp.Request(endpoint.method(), target(endpoint, parameters.apply(endpoint),
                    null), headers, endpoint.hasBody() ? bytes(plausibleBody(endpoint, random).toString()) : new byte[0]));
        }
        return null;
    }

    private Generated withBody(Endpoint endpoint, String kind, byte[] body, String contentType, SplittableRandom random) {
        List<String[]> headers = new ArrayList<>(credentials.apply(endpoint));
        if (!contentType.isEmpty()) {
            headers.add(new String[] {"Content-Type", contentType});
        }
        if (random.nextInt(8) == 0) {
            headers.add(new String[] {"Accept", pick(random, List.of("application/xml", "text/html", "image/png", "*/*;q=x"))});
        }
        return new Generated(kind, new RawHttp.Request(endpoint.method(), target(endpoint, parameters.apply(endpoint), null),
                headers, body));
    }

    /**
     * A body that is not JSON. A mutation can leave a short body well-formed (no comma to double in
     * {@code {"description":"text"}}: the first full run's false finding), so each is checked with a
     * strict parser, and a well-formed one becomes an unterminated string instead.
     */
    private byte[] malformed(Endpoint endpoint, SplittableRandom random) {
        byte[] body = mutated(endpoint, random);
        if (!wellFormed(body)) {
            return body;
        }
        // no draw from random here: the requests after this one stay those of the seed
        String field = endpoint.fields().isEmpty() ? "x" : endpoint.fields().keySet().iterator().next();
        return bytes("{\"" + field + "\": \"unterminated");
    }

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Whether a JSON parser reads the body as one JSON value and nothing after it. */
    static boolean wellFormed(byte[] body) {
        try {
            return STRICT.readTree(body) != null && !STRICT.readTree(body).isMissingNode();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private byte[] mutated(Endpoint endpoint, SplittableRandom random) {
        String plausible = plausibleBody(endpoint, random).toString();
        return switch (random.nextInt(9)) {
            case 0 -> bytes(plausible.substring(0, Math.max(1, random.nextInt(plausible.length()))));
            case 1 -> bytes(plausible + pick(random, List.of("}", " x", ",", "]", "{}")));
            case 2 -> bytes(plausible.replace("\"", "'"));
            case 3 -> bytes("[".repeat(20_000 + random.nextInt(20_000)));
            case 4 -> bytes("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
            case 5 -> bytes(plausible.replace(":", ""));
            case 6 -> bytes("{" + plausible.substring(1).replaceFirst(",", ",,"));
            case 7 -> {
                byte[] noise = new byte[1 + random.nextInt(200)];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (byte) random.nextInt(256);
                }
                yield noise;
            }
            default -> bytes("{\"" + pick(random, new ArrayList<>(endpoint.fields().isEmpty() ? List.of("x")
                    : endpoint.fields().keySet())) + "\": \"unterminated");
        };
    }

    private static byte[] notUtf8(SplittableRandom random) {
        byte[][] tricks = {
            {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
            {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // overlong '/', 3 bytes
            {(byte) 0xc0, (byte) 0x80}, // overlong NUL
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a lone surrogate
            {(byte) 0xff, (byte) 0xfe}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
        };
        byte[] trick = tricks[random.nextInt(tricks.length)];
        byte[] start = bytes("{\"title\":\"a");
        byte[] end = bytes("\",\"candidates\":[\"A\"],\"text\":\"t\",\"code\":\"1\"}");
        byte[] body = new byte[start.length + trick.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(trick, 0, body, start.length, trick.length);
        System.arraycopy(end, 0, body, start.length + trick.length, end.length);
        return body;
    }

    /** The endpoint's fields with plausible values of their types. */
    private ObjectNode plausibleBody(Endpoint endpoint, SplittableRandom random) {
        ObjectNode body = nodes.objectNode();
        endpoint.fields().forEach((name, type) -> body.set(name, plausible(type, random)));
        return body;
    }

    private com.fasterxml.jackson.databind.JsonNode plausible(String type, SplittableRandom random) {
        return switch (type) {
            case "integer" -> nodes.numberNode(random.nextInt(4));
            case "number" -> nodes.numberNode(random.nextDouble());
            case "boolean" -> nodes.booleanNode(random.nextBoolean());
            case "array" -> nodes.arrayNode().add("A").add("B");
            case "object" -> nodes.objectNode();
            default -> nodes.textNode("text");
        };
    }

    /** A body whose fields all have the wrong JSON type (at least one field, so it cannot be valid). */
    private ObjectNode wrongFieldTypes(Endpoint endpoint, SplittableRandom random) {
        ObjectNode body = nodes.objectNode();
        List<String> names = new ArrayList<>(endpoint.fields().keySet());
        for (String name : names) {
            String type = endpoint.fields().get(name);
            body.set(name, switch (type) {
                case "integer", "number" -> pick(random, List.<com.fasterxml.jackson.databind.JsonNode>of(nodes.textNode("abc"),
                        nodes.objectNode(), nodes.arrayNode().add(1), nodes.booleanNode(true)));
                case "boolean" -> pick(random, List.<com.fasterxml.jackson.databind.JsonNode>of(nodes.textNode("yes"),
                        nodes.objectNode(), nodes.arrayNode()));
                case "array" -> pick(random, List.<com.fasterxml.jackson.databind.JsonNode>of(nodes.objectNode().put("a", 1),
                        nodes.numberNode(3), nodes.arrayNode().add(nodes.arrayNode().add(nodes.objectNode())),
                        nodes.arrayNode().add(nodes.objectNode().put("x", 1))));
                case "object" -> pick(random, List.<com.fasterxml.jackson.databind.JsonNode>of(nodes.arrayNode().add(1),
                        nodes.numberNode(7)));
                default -> pick(random, List.<com.fasterxml.jackson.databind.JsonNode>of(nodes.objectNode().put("a", "b"),
                        nodes.arrayNode().add("a").add(nodes.objectNode()), nodes.objectNode()));
            });
        }
        return body;
    }

    private byte[] hugeBody(Endpoint endpoint, SplittableRandom random) {
        int megabytes = 1 + random.nextInt(2);
        StringBuilder body = new StringBuilder("{");
        String field = pick(random, new ArrayList<>(endpoint.fields().keySet()));
        ObjectNode wrong = wrongFieldTypes(endpoint, random);
        wrong.remove(field);
        String rest = wrong.toString();
        if (rest.length() > 2) {
            body.append(rest, 1, rest.length() - 1).append(',');
        }
        body.append('"').append(field).append("\":");
        if (random.nextBoolean()) {
            body.append('"').append("A".repeat(megabytes << 20)).append('"');
        } else {
            body.append('[').append("\"A\",".repeat((megabytes << 20) / 4)).append("\"A\"]");
        }
        return bytes(body.append('}').toString());
    }

    private Generated wrongMethod(Endpoint endpoint, SplittableRandom random) {
        String method = pick(random, METHODS);
        for (Endpoint other : endpoints) {
            if (other.method().equals(method) && matches(other.template(), endpoint.template())) {
                return null;
            }
        }
        List<String[]> headers = new ArrayList<>(credentials.apply(endpoint));
        headers.add(new String[] {"Content-Type", "application/json"});
        return new Generated("wrong-method", new RawHttp.Request(method, target(endpoint, parameters.apply(endpoint), null),
                headers, method.equals("GET") || method.equals("DELETE") ? new byte[0] : bytes("{}")));
    }

    private static boolean matches(String template, String other) {
        String[] a = template.split("/");
        String[] b = other.split("/");
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i]) && !a[i].startsWith("{") && !b[i].startsWith("{")) {
                return false;
            }
        }
        return true;
    }

    private Generated hostilePath(Endpoint endpoint, SplittableRandom random) {
        Map<String, String> values = new TreeMap<>(parameters.apply(endpoint));
        java.util.regex.Matcher names = PARAMETER.matcher(endpoint.template());
        List<String> found = new ArrayList<>();
        while (names.find()) {
            found.add(names.group(1));
        }
        String name = pick(random, found);
        String hostile = pick(random, List.of("' OR '1'='1", "1; DROP TABLE election", "..", "%2e%2e", "%252e%252e", "<b>x</b>",
                "%00", "%0d%0aX-Injected:%201", "%C0%AF", "%ED%A0%80", "%E2%80%AE", "99999999999999999999999999", "-1", "0",
                "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-00000000000g", "A".repeat(4_000), "%20",
                "null", "%7B%7D", "%F0%9F%98%80"));
        values.put(name, hostile);
        List<String[]> headers = new ArrayList<>(credentials.apply(endpoint));
        headers.add(new String[] {"Content-Type", "application/json"});
        boolean body = !endpoint.method().equals("GET") && !endpoint.method().equals("DELETE");
        return new Generated("hostile-path", new RawHttp.Request(endpoint.method(), target(endpoint, values, null), headers,
                body ? bytes(plausibleBody(endpoint, random).toString()) : new byte[0]));
    }

    // ---- hostile, well-typed requests

    private Generated hostile(Endpoint endpoint, SplittableRandom random) {
        if (!endpoint.hasBody() && endpoint.queryParameters().isEmpty()) {
            return null;
        }
        Map<String, String> query = new TreeMap<>();
        for (String name : endpoint.queryParameters()) {
            if (random.nextBoolean()) {
                query.put(name, random.nextBoolean() ? pick(random, HOSTILE_STRINGS) : pick(random, HOSTILE_NUMBERS));
            }
        }
        List<String[]> headers = new ArrayList<>(credentials.apply(endpoint));
        headers.add(new String[] {"Content-Type", "application/json"});
        byte[] body = new byte[0];
        if (endpoint.hasBody()) {
            ObjectNode object = nodes.objectNode();
            endpoint.fields().forEach((name, type) -> object.set(name, hostileValue(type, random)));
            body = bytes(object.toString());
        }
        return new Generated("hostile-values", new RawHttp.Request(endpoint.method(),
                target(endpoint, parameters.apply(endpoint), query), headers, body));
    }

    private com.fasterxml.jackson.databind.JsonNode hostileValue(String type, SplittableRandom random) {
        switch (type) {
            case "integer", "number":
                return rawNumber(pick(random, HOSTILE_NUMBERS));
            case "boolean":
                return nodes.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = nodes.arrayNode();
                int size = random.nextInt(10) == 0 ? 2_000 : 1 + random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(pick(random, HOSTILE_STRINGS));
                }
                return array;
            }
            case "object":
                return nodes.objectNode().put(pick(random, HOSTILE_STRINGS), pick(random, HOSTILE_STRINGS));
            default:
                return nodes.textNode(pick(random, HOSTILE_STRINGS));
        }
    }

    private com.fasterxml.jackson.databind.JsonNode rawNumber(String text) {
        return nodes.numberNode(new java.math.BigDecimal(text));
    }

    // ---- helpers

    private static String target(Endpoint endpoint, Map<String, String> values, Map<String, String> query) {
        java.util.regex.Matcher names = PARAMETER.matcher(endpoint.template());
        StringBuilder path = new StringBuilder();
        while (names.find()) {
            String value = values.getOrDefault(names.group(1), "00000000-0000-4000-8000-000000000000");
            names.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(value.contains("%") || value.equals("..")
                    ? value : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        names.appendTail(path);
        if (query != null && !query.isEmpty()) {
            StringBuilder text = new StringBuilder();
            query.forEach((name, value) -> text.append(text.length() == 0 ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            path.append(text);
        }
        return path.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
