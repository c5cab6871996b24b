package org.openprimary.admin.session;

import jakarta.servlet.http.HttpServletRequest;
import org.openprimary.voting.console.ConsoleAuthentication;

/**
 * The console's session cookie, {@value ConsoleAuthentication#COOKIE}, written by hand as a
 * {@code Set-Cookie} header (no HTTP session, so not the container's session cookie): its value is
 * the session's random token ({@code voting.console_session} keeps only its SHA-256), {@code Path=/admin},
 * HttpOnly, {@code SameSite=Strict} (a page of another site can never make the browser send it),
 * Secure whenever the request came over TLS, and no {@code Max-Age}: the browser forgets it when it
 * closes, the database ends the session after 15 idle minutes or 8 hours.
 */
final class SessionCookie {

    static final String NAME = ConsoleAuthentication.COOKIE;

    private SessionCookie() {
    }

    /** The header that hands the browser a session's token. */
    static String carrying(String token, HttpServletRequest request) {
        return NAME + "=" + token + attributes(request);
    }

    /** The header that makes the browser forget the cookie (sign-out). */
    static String cleared(HttpServletRequest request) {
        return NAME + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + attributes(request);
    }

    private static String attributes(HttpServletRequest request) {
        return "; Path=" + ConsoleAuthentication.CONSOLE + "; HttpOnly; SameSite=Strict"
                + (request.isSecure() ? "; Secure" : "");
    }
}
