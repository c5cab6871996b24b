package org.openprimary.voting.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.config.RunMode;
import org.openprimary.voting.boundary.AdminAccounts;

/**
 * How a console call is signed in. In a browser: the {@value #COOKIE} cookie, whose token names a
 * session in the database ({@link ConsoleSessions}) opened by {@code POST /admin/api/session} with
 * the password and the TOTP code (admin-web's SessionResource); any instance of a cluster reads it,
 * and no HTTP session is ever made. The roles are the account's at this request.
 * HTTP Basic (password only) is accepted in the demo alone, for scripts and tests; a production
 * start refuses it, so nobody reaches the console there without a second factor.
 * A refusal is a problem+json 401 without a {@code WWW-Authenticate} challenge, so browsers never
 * pop up their own password dialog.
 */
@ApplicationScoped
public class ConsoleAuthentication implements HttpAuthenticationMechanism {

    @EJB
    AdminAccounts accounts;

    @EJB
    ConsoleSessions sessions;

    @Inject
    @ConfigProperty(name = RunMode.KEY, defaultValue = "production")
    String mode;

    /** The console's context root; the citizens' pages and API are left alone. */
    public static final String CONSOLE = "/admin";

    /** The console's session cookie: its value is the session's token. */
    public static final String COOKIE = "OPENPRIMARY_CONSOLE";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (!CONSOLE.equals(request.getContextPath())) {
            return context.doNothing();
        }
        Optional<ConsoleSession> signedIn;
        try {
            signedIn = token(request).flatMap(sessions::find);
        } catch (IllegalStateException databaseAway) {
            return unavailable(response);
        }
        if (signedIn.isPresent() && signedIn.get().verified()) {
            return context.notifyContainerAboutLogin(signedIn.get().username(), new HashSet<>(signedIn.get().roles()));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (RunMode.parse(mode) != RunMode.DEMO) {
                return refuse(response, "authorization",
                        "HTTP Basic is accepted in the demo only: sign in with your password and second factor (POST /admin/api/session)");
            }
            Optional<String[]> login = basic(authorization.substring(6));
            Optional<Set<String>> roles = login.flatMap(l -> accounts.authenticate(l[0], l[1]));
            if (roles.isPresent()) {
                return context.notifyContainerAboutLogin(login.get()[0], roles.get());
            }
            return refuse(response, "password", "the username or the password is wrong");
        }
        if (context.isProtected()) {
            return refuse(response, null, "sign in to the console first");
        }
        return context.doNothing();
    }

    /** The token of the console's cookie, if the request has one (the first, should a client send two). */
    public static Optional<String> token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return Optional.ofNullable(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<String[]> basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Answers 401 with a problem+json body, committed here so the container adds no page of its own.
     * {@code field} and {@code reason} are this class's constants: no quote or backslash to escape.
     */
    private static AuthenticationStatus refuse(HttpServletResponse response, String field, String reason) {
        return problem(response, HttpServletResponse.SC_UNAUTHORIZED, "Not signed in", field, reason);
    }

    /** The sessions' database did not answer: 503 with {@code Retry-After}, as every call that needs it. */
    private static AuthenticationStatus unavailable(HttpServletResponse response) {
        response.setHeader("Retry-After", "5");
        return problem(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service unavailable", "session",
                "the console's sessions cannot be read now: try again in a few seconds");
    }

    private static AuthenticationStatus problem(HttpServletResponse response, int status, String title, String field,
            String reason) {
        try {
            response.setStatus(status);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            // The same members as common's Problem; written here, where no JSON-B provider may be loaded yet.
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ","
                    + (field == null ? "" : "\"field\":\"" + field + "\",")
                    + "\"detail\":\"" + reason + "\",\"reason\":\"" + reason + "\"}");
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
