package org.openprimary.web.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openprimary.registration.boundary.RegistrationService;

class RegistrationPageHeadersTest {

    private static final String STRICT = "default-src 'self'; script-src 'self'";

    @Test
    void withTheDemoCardsTheRegistrationPageKeepsTheStrictPolicy() throws Exception {
        Map<String, String> headers = served("demo");
        assertEquals(STRICT, headers.get("Content-Security-Policy"), "the site's policy is left as it was");
        assertEquals("served", headers.get("chain"));
    }

    @Test
    void withStripeTheRegistrationPageAllowsStripeJsAndNothingInline() throws Exception {
        Map<String, String> headers = served("stripe");
        String policy = headers.get("Content-Security-Policy");
        assertEquals(RegistrationPageHeaders.STRIPE_CSP, policy);
        assertTrue(policy.contains("script-src 'self' https://js.stripe.com;"), policy);
        assertTrue(policy.contains("frame-src https://js.stripe.com https://hooks.stripe.com;"), policy);
        assertTrue(policy.contains("connect-src 'self' https://api.stripe.com;"), policy);
        assertFalse(policy.contains("unsafe"), "still no inline script or style, no eval: " + policy);
        assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), policy);
        assertEquals("served", headers.get("chain"));
    }

    /** The response headers after the filter, for a card provider; the site's filter set STRICT before. */
    private static Map<String, String> served(String provider) throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Security-Policy", STRICT);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                RegistrationPageHeadersTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        headers.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                RegistrationPageHeadersTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> null);
        RegistrationPageHeaders filter = new RegistrationPageHeaders();
        filter.registration = new RegistrationService() {
            @Override
            public String cardProvider() {
                return provider;
            }
        };
        filter.doFilter(request, response, (req, res) -> headers.put("chain", "served"));
        return headers;
    }
}
