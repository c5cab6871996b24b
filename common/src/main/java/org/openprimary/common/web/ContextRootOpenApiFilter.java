package org.openprimary.common.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.servers.Server;

/**
 * Payara builds one OpenAPI document per web module, with paths relative to the module's context
 * root and a server entry per context root, then merges them into {@code /openapi}. Left alone,
 * the admin module's {@code /admin/api/elections} reads as {@code /api/elections} and collides
 * with the public one. This filter (registered for every module by {@code mp.openapi.filter} in
 * this jar's {@code microprofile-config.properties}) writes each module's paths from the server's
 * root and keeps only root server entries, so the merged document is unambiguous.
 */
public class ContextRootOpenApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        List<Server> servers = openAPI.getServers();
        if (servers == null || servers.isEmpty()) {
            return;
        }
        String contextRoot = contextRoot(servers.get(0).getUrl());
        if (!contextRoot.isEmpty() && openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            Map<String, PathItem> prefixed = new LinkedHashMap<>();
            openAPI.getPaths().getPathItems().forEach((path, item) -> prefixed.put(contextRoot + path, item));
            Paths rewritten = OASFactory.createPaths();
            prefixed.forEach(rewritten::addPathItem);
            openAPI.setPaths(rewritten);
        }
        servers.forEach(server -> server.setUrl(rootOf(server.getUrl())));
    }

    /** The context root in a server URL, without a trailing slash: "" for the root. */
    static String contextRoot(String serverUrl) {
        String path = URI.create(serverUrl).getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static String rootOf(String serverUrl) {
        URI uri = URI.create(serverUrl);
        return uri.getScheme() + "://" + uri.getAuthority() + "/";
    }
}
