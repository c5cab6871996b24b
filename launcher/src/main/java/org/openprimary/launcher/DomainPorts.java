package org.openprimary.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets the HTTP and admin ports of a Payara Server domain in its domain.xml, and keeps the HTTP
 * listener from naming the server in its answers, before the domain starts. (Changing the listener
 * with {@code asadmin set} on a running domain restarts it, and a fresh domain sometimes did not
 * come back: settings go in before the start.)
 */
final class DomainPorts {

    private DomainPorts() {
    }

    static void set(Path domainXml, int httpPort, int adminPort) throws IOException {
        String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        String updated = withCompression(withHttpThreads(withoutServerName(
                withPort(withPort(xml, "http-listener-1", httpPort), "admin-listener", adminPort), "http-listener-1"),
                HTTP_THREADS), "http-listener-1");
        if (!updated.equals(xml)) {
            Files.writeString(domainXml, updated, StandardCharsets.UTF_8);
        }
    }

    /**
     * Adds {@code xpowered-by="false" server-header="false"} to the {@code <http>} element of the
     * first protocol named {@code name} (the server's configuration comes first in domain.xml).
     */
    static String withoutServerName(String xml, String name) {
        Matcher protocol = Pattern.compile("<protocol\\b[^>]*\\bname=\"" + Pattern.quote(name) + "\"[^>]*>\\s*<http\\b([^>]*)>")
                .matcher(xml);
        if (!protocol.find()) {
            throw new IllegalStateException("domain.xml has no http protocol named " + name);
        }
        String attributes = protocol.group(1);
        if (attributes.contains("xpowered-by=") || attributes.contains("server-header=")) {
            return xml;
        }
        int at = protocol.start(1);
        return xml.substring(0, at) + " xpowered-by=\"false\" server-header=\"false\"" + xml.substring(at);
    }

    /** What the HTTP listener compresses: the pages and their assets; never the API's JSON (below). */
    static final String COMPRESSED_TYPES = "text/html,text/css,text/javascript,application/javascript,image/svg+xml";

    /**
     * Turns gzip on for the pages and their assets (a vote page on a slow phone connection), above
     * 1 KiB, on the {@code <http>} element of the first protocol named {@code name}, unless it says
     * already. The API's JSON is left uncompressed: compressing an answer that mixes a secret (a
     * voting code, a session's data) with what the client sent lets an eavesdropper guess the
     * secret from the sizes (BREACH).
     */
    static String withCompression(String xml, String name) {
        Matcher protocol = Pattern.compile("<protocol\\b[^>]*\\bname=\"" + Pattern.quote(name) + "\"[^>]*>\\s*<http\\b([^>]*)>")
                .matcher(xml);
        if (!protocol.find()) {
            throw new IllegalStateException("domain.xml has no http protocol named " + name);
        }
        if (protocol.group(1).contains("compression=")) {
            return xml;
        }
        int at = protocol.start(1);
        return xml.substring(0, at) + " compression=\"on\" compression-min-size-bytes=\"1024\" compressable-mime-type=\""
                + COMPRESSED_TYPES + "\"" + xml.substring(at);
    }

    /**
     * Payara's HTTP worker pool defaults to 5 threads, which leaves the two cores idle while casts
     * wait on the database; the bench measured 417 casts/s with 5 and about 600-700 with 32.
     */
    static final int HTTP_THREADS = 32;

    /** Sizes the first {@code http-thread-pool} (the server's configuration comes first), unless it is sized already. */
    static String withHttpThreads(String xml, int threads) {
        Matcher pool = Pattern.compile("<thread-pool\\b([^>]*)\\bname=\"http-thread-pool\"([^>]*)>").matcher(xml);
        if (!pool.find() || pool.group().contains("max-thread-pool-size")) {
            return xml;
        }
        int at = pool.end() - 1;
        return xml.substring(0, at) + " max-thread-pool-size=\"" + threads + "\" min-thread-pool-size=\"8\""
                + xml.substring(at);
    }

    /** Replaces the port of the first {@code network-listener} named {@code name} in the server's config. */
    static String withPort(String xml, String name, int port) {
        Matcher listener = Pattern.compile("<network-listener\\b[^>]*\\bname=\"" + Pattern.quote(name) + "\"[^>]*>")
                .matcher(xml);
        if (!listener.find()) {
            throw new IllegalStateException("domain.xml has no network listener named " + name);
        }
        String tag = listener.group();
        String newTag = tag.replaceFirst("\\bport=\"[^\"]*\"", "port=\"" + port + "\"");
        return xml.substring(0, listener.start()) + newTag + xml.substring(listener.end());
    }
}
