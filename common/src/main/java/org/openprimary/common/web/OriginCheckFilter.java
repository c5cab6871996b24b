package org.openprimary.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * CSRF defence for state-changing requests: a browser always sends {@code Origin} (and
 * {@code Sec-Fetch-Site}) on a cross-site POST, PUT, PATCH or DELETE; such a request whose origin
 * is not this host is refused. Non-browser clients (curl, the launcher) send neither and pass.
 */
@Provider
public class OriginCheckFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            refuse(request);
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameHost(origin, request.getHeaderString(HttpHeaders.HOST))) {
            refuse(request);
        }
    }

    private static boolean sameHost(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void refuse(ContainerRequestContext request) {
        request.abortWith(ProblemResponses.of(403, "Forbidden", "Origin",
                "cross-site requests may not change anything"));
    }
}
