package org.openprimary.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sets the HTTP and admin ports of a Payara Server domain in its domain.xml, before it starts. */
final class DomainPorts {

    private DomainPorts() {
    }

    static void set(Path domainXml, int httpPort, int adminPort) throws IOException {
        String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        String updated = withPort(withPort(xml, "http-listener-1", httpPort), "admin-listener", adminPort);
        if (!updated.equals(xml)) {
            Files.writeString(domainXml, updated, StandardCharsets.UTF_8);
        }
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
