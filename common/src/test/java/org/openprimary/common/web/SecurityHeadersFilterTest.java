package org.openprimary.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

    private static HttpServletRequest request(String method, String uri) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, called, args) -> switch (called.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    default -> throw new UnsupportedOperationException(called.getName());
                });
    }

    private static Map<String, String> headers(HttpServletRequest request) throws Exception {
        Map<String, String> set = new HashMap<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, called, args) -> {
                    if (called.getName().equals("setHeader")) {
                        set.put((String) args[0], (String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(called.getName());
                });
        FilterChain chain = (req, res) -> { };
        new SecurityHeadersFilter().doFilter(request, response, chain);
        return set;
    }

    @Test
    void pagesAndAssetsAreRevalidatedAndTheApiSaysItsOwnCaching() throws Exception {
        Map<String, String> page = headers(request("GET", "/vote.html"));
        assertEquals("no-cache", page.get("Cache-Control"));
        assertEquals(SecurityHeadersFilter.CSP, page.get("Content-Security-Policy"));
        assertEquals("no-cache", headers(request("HEAD", "/admin/console.js")).get("Cache-Control"));
        assertNull(headers(request("GET", "/api/elections")).get("Cache-Control"), "the API's answers say their own");
        assertNull(headers(request("GET", "/admin/api/elections/x/roll")).get("Cache-Control"));
        Map<String, String> post = headers(request("POST", "/vote.html"));
        assertNull(post.get("Cache-Control"));
        assertEquals("nosniff", post.get("X-Content-Type-Options"), "every answer has the security headers");
    }

    @Test
    void whatIsAPage() {
        assertTrue(SecurityHeadersFilter.isPage(request("GET", "/")));
        assertFalse(SecurityHeadersFilter.isPage(request("GET", "/api")));
        assertFalse(SecurityHeadersFilter.isPage(request("PUT", "/index.html")));
    }
}
