package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DomainPortsTest {

    private static final String XML = """
            <network-listener port="8080" protocol="http-listener-1" name="http-listener-1" thread-pool="p"></network-listener>
            <network-listener port="8181" protocol="http-listener-2" name="http-listener-2" thread-pool="p"></network-listener>
            <network-listener port="4848" protocol="admin-listener" name="admin-listener" thread-pool="a"></network-listener>
            <network-listener port="${HTTP_LISTENER_PORT}" protocol="http-listener-1" name="http-listener-1" />
            """;

    @Test
    void onlyTheNamedListenerOfTheServerConfigChanges() {
        String updated = DomainPorts.withPort(DomainPorts.withPort(XML, "http-listener-1", 9090), "admin-listener", 5858);
        assertEquals(XML.replace("port=\"8080\"", "port=\"9090\"").replace("port=\"4848\"", "port=\"5858\""), updated);
    }

    @Test
    void theServersHttpProtocolStopsNamingTheServerOnce() {
        String xml = """
                <protocol name="http-listener-1">
                  <http max-connections="250" default-virtual-server="server">
                  </http>
                </protocol>
                <protocol name="http-listener-1">
                  <http default-virtual-server="server"></http>
                </protocol>
                """;
        String updated = DomainPorts.withoutServerName(xml, "http-listener-1");
        assertEquals(xml.replaceFirst("<http max-connections", "<http xpowered-by=\"false\" server-header=\"false\" max-connections"),
                updated);
        assertEquals(updated, DomainPorts.withoutServerName(updated, "http-listener-1"), "applied once");
    }

    @Test
    void thePagesAreCompressedOnTheServersListenerOnlyAndTheApisJsonIsNot() {
        String xml = """
                <protocol name="http-listener-1">
                  <http xpowered-by="false" max-connections="250">
                  </http>
                </protocol>
                <protocol name="http-listener-1">
                  <http default-virtual-server="server"></http>
                </protocol>
                """;
        String updated = DomainPorts.withCompression(xml, "http-listener-1");
        assertEquals(xml.replaceFirst("<http xpowered-by", "<http compression=\"on\" compression-min-size-bytes=\"1024\""
                + " compressable-mime-type=\"" + DomainPorts.COMPRESSED_TYPES + "\" xpowered-by"), updated);
        assertEquals(updated, DomainPorts.withCompression(updated, "http-listener-1"), "applied once");
        org.junit.jupiter.api.Assertions.assertFalse(DomainPorts.COMPRESSED_TYPES.contains("json"),
                "answers that carry secrets are not compressed (BREACH)");
    }

    @Test
    void theServersHttpWorkerPoolIsSizedOnce() {
        String xml = """
                <thread-pool name="http-thread-pool"></thread-pool>
                <thread-pool name="thread-pool-1"></thread-pool>
                <thread-pool name="http-thread-pool"></thread-pool>
                """;
        String updated = DomainPorts.withHttpThreads(xml, 32);
        assertEquals(xml.replaceFirst("name=\"http-thread-pool\"",
                "name=\"http-thread-pool\" max-thread-pool-size=\"32\" min-thread-pool-size=\"8\""), updated);
        assertEquals(updated, DomainPorts.withHttpThreads(updated, 32), "applied once");
    }

    @Test
    void aMissingListenerIsAnError() {
        assertThrows(IllegalStateException.class, () -> DomainPorts.withPort(XML, "http-listener-9", 1));
    }
}
