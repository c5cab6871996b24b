package org.openprimary.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every page and API answer carries: a strict Content Security Policy (scripts and styles
 * only from this origin, no inline script, no framing), no MIME sniffing, no referrer leaks; and
 * for the pages and their assets, {@code Cache-Control: no-cache} (kept, revalidated each time).
 * Registered in each WAR's web.xml.
 */
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** A page or one of its assets (a read outside the API, whose answers say their own caching). */
    static boolean isPage(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI() == null ? "" : request.getRequestURI();
        return ("GET".equals(method) || "HEAD".equals(method)) && !path.contains("/api/") && !path.endsWith("/api");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (isPage(request)) {
            // Kept, but asked again each time (a 304 when unchanged): after an upgrade nobody runs
            // yesterday's script against today's API, which a browser's own guess of freshness allows.
            response.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(request, response);
    }
}
