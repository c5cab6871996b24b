package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The balancer's configuration and the cluster's ports, as scripts/cluster.sh gets them. */
class BalancerTest {

    private final String conf = Balancer.configuration(Path.of("/tmp/op-cluster/nginx"), 8088, 3);

    @Test
    void citizensGoToEveryInstanceAndTheConsoleToTheFirstWithABackup() {
        String all = conf.substring(conf.indexOf("upstream openprimary {"), conf.indexOf("upstream openprimary_console"));
        for (int i = 1; i <= 3; i++) {
            assertTrue(all.contains("server 127.0.0.1:" + ClusterPorts.http(i) + " "), all);
        }
        String console = conf.substring(conf.indexOf("upstream openprimary_console"), conf.indexOf("server {"));
        assertTrue(console.contains("server 127.0.0.1:28180 max_fails"), console);
        assertTrue(console.contains("server 127.0.0.1:28280 backup;"), console);
        assertTrue(console.contains("server 127.0.0.1:28380 backup;"), console);
        assertTrue(conf.contains("location /admin {\n      proxy_pass http://openprimary_console;"), conf);
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
