package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The balancer's configuration and the cluster's ports, as scripts/cluster.sh gets them. */
class BalancerTest {

    private final String conf = Balancer.configuration(Path.of("/tmp/op-cluster/nginx"), 8088, 3);

    @Test
    void citizensAndTheConsoleGoToEveryInstanceAndTheTrusteesCeremonyToTheFirstWithABackup() {
        String all = conf.substring(conf.indexOf("upstream openprimary {"), conf.indexOf("upstream openprimary_ceremony"));
        for (int i = 1; i <= 3; i++) {
            assertTrue(all.contains("server 127.0.0.1:" + ClusterPorts.http(i) + " max_fails"), all);
        }
        assertFalse(all.contains("backup"), all);
        String ceremony = conf.substring(conf.indexOf("upstream openprimary_ceremony"), conf.indexOf("server {"));
        assertTrue(ceremony.contains("server 127.0.0.1:28180 max_fails"), ceremony);
        assertTrue(ceremony.contains("server 127.0.0.1:28280 backup;"), ceremony);
        assertTrue(ceremony.contains("server 127.0.0.1:28380 backup;"), ceremony);
        assertTrue(conf.contains("location /admin {\n      proxy_pass http://openprimary;"), conf);
        assertTrue(conf.contains("location ~ \"" + Balancer.CEREMONY + "\" {\n      proxy_pass http://openprimary_ceremony;"),
                conf);
        assertEquals(1, conf.split("openprimary_ceremony;", -1).length - 1, "one location for the ceremony");
    }

    @Test
    void onlyTheSharesTheCountAndTheKeysReissueArePinned() {
        Pattern pinned = Pattern.compile(Balancer.CEREMONY);
        for (String path : List.of("/admin/api/trustee/elections/3f2a/shares", "/admin/api/trustee/elections/3f2a/shares/",
                "/admin/api/elections/3f2a/count", "/admin/api/bailiff/elections/3f2a/key/reissue")) {
            assertTrue(pinned.matcher(path).matches(), path);
        }
        for (String path : List.of("/admin/api/session", "/admin/api/session/totp", "/admin/", "/admin/index.html",
                "/admin/api/elections", "/admin/api/elections/3f2a", "/admin/api/elections/3f2a/trustees",
                "/admin/api/elections/3f2a/count.pdf", "/admin/api/elections/3f2a/result",
                "/admin/api/elections/3f2a/attendance", "/admin/api/trustee/elections/3f2a/passphrase",
                "/admin/api/trustee/elections/3f2a/share/download", "/admin/api/bailiff/elections/3f2a/seal",
                "/admin/api/trustee/elections/3f2a/shares/x", "/api/elections/3f2a/count",
                "/admin/api/elections/a/b/count")) {
            assertFalse(pinned.matcher(path).matches(), path);
        }
    }

    @Test
    void thePinnedPathsAreTheConsoleResourcesPaths() throws IOException {
        Path admin = Path.of("..", "admin-web", "src", "main", "java", "org", "openprimary", "admin");
        String trustee = Files.readString(admin.resolve("trustees/TrusteeResource.java"));
        assertTrue(trustee.contains("@Path(\"trustee/elections/{id}\")") && trustee.contains("@Path(\"shares\")"),
                "TrusteeResource moved: update Balancer.CEREMONY");
        String elections = Files.readString(admin.resolve("elections/ElectionsAdminResource.java"));
        assertTrue(elections.contains("@Path(\"elections\")") && elections.contains("@Path(\"{id}/count\")"),
                "ElectionsAdminResource's count moved: update Balancer.CEREMONY");
        String bailiff = Files.readString(admin.resolve("seal/BailiffResource.java"));
        assertTrue(bailiff.contains("@Path(\"bailiff\")") && bailiff.contains("@Path(\"elections/{id}/key/reissue\")"),
                "BailiffResource's reissue moved: update Balancer.CEREMONY");
    }

    @Test
    void onlyTheCastAndTheCodeRequestAreRetriedOnceSentAndTheClientAddressIsReplaced() {
        assertEquals(1, conf.split("non_idempotent", -1).length - 1, "one location retries what was sent");
        assertTrue(conf.contains("location ~ ^/api/elections/[^/]+/(ballots|ballot/code)$ {\n"
                + "      proxy_next_upstream error timeout http_502 http_504 non_idempotent;"), conf);
        assertFalse(conf.contains("http_503"), "a 503 (the shared database is away) is not retried elsewhere");
        assertTrue(conf.contains("proxy_set_header X-Forwarded-For $remote_addr;"), "never the client's own header");
        assertTrue(conf.contains("listen 127.0.0.1:8088;"), "loopback only");
        assertFalse(Pattern.compile("%\\d\\$").matcher(conf).find(), "every placeholder was filled: " + conf);
    }

    @Test
    void theClusterPortsClashNeitherWithEachOtherNorWithTheSingleRun() {
        Set<Integer> taken = new HashSet<>(Set.of(8080, 4848, 54329, ClusterPorts.BALANCER, ClusterPorts.DATABASE));
        // the ports Payara derives from a port base (create-domain --portbase)
        int[] offsets = {9, 37, 38, 39, 48, 66, 76, 80, 81, 86};
        for (int i = 1; i <= ClusterPorts.MAX_INSTANCES; i++) {
            for (int offset : offsets) {
                assertTrue(taken.add(ClusterPorts.base(i) + offset), "port " + (ClusterPorts.base(i) + offset) + " twice");
            }
        }
        Matcher servers = Pattern.compile("server 127\\.0\\.0\\.1:(\\d+)").matcher(conf);
        int count = 0;
        while (servers.find()) {
            count++;
        }
        assertEquals(6, count, "three instances in each of the two upstreams");
    }

    /**
     * Through a real nginx (Debian's, as scripts/cluster.sh runs it) in front of a stand-in instance: an
     * address with a dot segment, raw or percent-encoded, is a 400 problem+json on {@code path} that never
     * reaches the instance (Payara answers a trailing one with an empty 200: docs/security.md); any
     * other address, dots inside a name included, is passed on unchanged.
     */
    @Test
    void addressesWithADotSegmentAreRefusedBeforeAnyInstance(@org.junit.jupiter.api.io.TempDir Path prefix)
            throws Exception {
        List<String> reached = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer instance = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        instance.createContext("/", exchange -> {
            reached.add(exchange.getRequestURI().getRawPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        instance.start();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Balancer balancer = Balancer.start(prefix, port,
                Balancer.configuration(prefix, port, List.of(instance.getAddress().getPort())));
        try {
            org.openprimary.launcher.drills.RawHttp http = new org.openprimary.launcher.drills.RawHttp("127.0.0.1", port);
            for (String target : List.of("/api/unsubscribe/..", "/api/unsubscribe/.", "/api/unsubscribe/%2e%2E",
                    "/admin/api/elections/1/campaigns/..", "/api/x/../y", "/api/x/./y?a=b", "/api/x/..;a=b",
                    "/api/unsubscribe/..?token=1")) {
                org.openprimary.launcher.drills.RawHttp.Response response = http.send(
                        new org.openprimary.launcher.drills.RawHttp.Request("POST", target, List.of(), new byte[0]));
                assertEquals(400, response.status(), target);
                assertEquals("application/problem+json", response.header("content-type"), target);
                com.fasterxml.jackson.databind.JsonNode problem =
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
                assertEquals("path", problem.path("field").asText(), target);
                assertEquals(400, problem.path("status").asInt(), target);
                assertEquals("the address may not contain a '.' or '..' segment", problem.path("reason").asText(), target);
            }
            assertEquals(List.of(), reached, "no refused address reached the instance");
            for (String target : List.of("/api/unsubscribe/a..b", "/api/files/result.csv", "/api/x/...",
                    "/api/elections/3f2a/ballots", "/api/q?next=/../x")) {
                org.openprimary.launcher.drills.RawHttp.Response response = http.send(
                        new org.openprimary.launcher.drills.RawHttp.Request("GET", target, List.of(), new byte[0]));
                assertEquals(204, response.status(), target);
            }
            assertEquals(List.of("/api/unsubscribe/a..b", "/api/files/result.csv", "/api/x/...",
                    "/api/elections/3f2a/ballots", "/api/q"), reached);
        } finally {
            balancer.stop();
            instance.stop(0);
        }
    }
}
