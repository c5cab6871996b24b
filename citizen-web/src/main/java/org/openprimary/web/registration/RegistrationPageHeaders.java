package org.openprimary.web.registration;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.openprimary.registration.boundary.RegistrationService;

/**
 * The registration page's Content Security Policy when the card provider is Stripe: the site's
 * strict policy, plus what Stripe.js needs on the card step (its script, its card frame, its API).
 * With the demo's test cards the page keeps the strict policy of every page, and no page but this
 * one ever allows a third-party script. Mapped in web.xml after the security-headers filter, on
 * {@code /register.html} only.
 */
public class RegistrationPageHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String STRIPE_CSP = "default-src 'self'; script-src 'self' https://js.stripe.com; style-src 'self'; "
            + "img-src 'self' data:; frame-src https://js.stripe.com https://hooks.stripe.com; "
            + "connect-src 'self' https://api.stripe.com; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @EJB
    transient RegistrationService registration;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("stripe".equals(registration.cardProvider())) {
            response.setHeader("Content-Security-Policy", STRIPE_CSP);
        }
        chain.doFilter(request, response);
    }
}
