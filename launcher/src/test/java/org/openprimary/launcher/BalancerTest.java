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
        assertFalse(conf.contains("%"), "every placeholder was filled: " + conf);
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
}
