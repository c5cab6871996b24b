package org.openprimary.voting.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Cookie;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openprimary.voting.boundary.AdminAccounts;

/**
 * Who the console's mechanism lets in, with the servlet objects played by proxies: the session
 * whose token the cookie carries, signed in with a second factor; HTTP Basic in the demo only;
 * nothing outside /admin. The sessions are a stand-in here ({@link ConsoleSessionsTest} has the
 * real ones, and two mechanisms sharing the database).
 */
class ConsoleAuthenticationTest {

    private static final Instant NOW = Instant.parse("2027-01-14T08:00:00Z");

    /** What the mechanism told the container. */
    static final class Outcome {
        String caller;
        Set<String> groups;
        int status = 200;
        final StringWriter body = new StringWriter();
        final java.util.Map<String, String> headers = new java.util.HashMap<>();
    }

    @Test
    void basicIsRefusedInProductionEvenWithTheRightPassword() {
        Outcome outcome = new Outcome();
        AuthenticationStatus status = mechanism("production").validateRequest(
                request("/admin", basic("alice", "right-password"), null, outcome), response(outcome),
                context(outcome, true));
        assertEquals(AuthenticationStatus.SEND_FAILURE, status);
        assertEquals(401, outcome.status);
        assertTrue(outcome.body.toString().contains("\"field\":\"authorization\""), outcome.body.toString());
        assertEquals(null, outcome.caller);
    }

    @Test
    void basicWorksInTheDemoWithTheRightPasswordOnly() {
        Outcome right = new Outcome();
        mechanism("demo").validateRequest(request("/admin", basic("alice", "right-password"), null, right),
                response(right), context(right, true));
        assertEquals("alice", right.caller);
        assertEquals(Set.of("organizer"), right.groups);

        Outcome wrong = new Outcome();
        assertEquals(AuthenticationStatus.SEND_FAILURE, mechanism("demo").validateRequest(
                request("/admin", basic("alice", "wrong"), null, wrong), response(wrong), context(wrong, true)));
        assertEquals(401, wrong.status);
        assertTrue(wrong.body.toString().contains("\"field\":\"password\""), wrong.body.toString());
    }

    @Test
    void theCookiesVerifiedSessionSignsInAndAnUnknownTokenIsRefused() {
        Outcome known = new Outcome();
        mechanism("production").validateRequest(request("/admin", null, BOB, known), response(known),
                context(known, true));
        assertEquals("bob", known.caller);
        assertEquals(Set.of("bailiff"), known.groups);

        Outcome unknown = new Outcome();
        mechanism("production").validateRequest(request("/admin", null, "B".repeat(43), unknown), response(unknown),
                context(unknown, true));
        assertEquals(null, unknown.caller);
        assertEquals(401, unknown.status);
    }

    @Test
    void whenTheSessionsCannotBeReadTheAnswerIs503WithRetryAfter() {
        ConsoleAuthentication mechanism = mechanism("production");
        mechanism.sessions = new ConsoleSessions() {
            @Override
            public Optional<ConsoleSession> find(String token) {
                throw new IllegalStateException("could not read a console session");
            }
        };
        Outcome away = new Outcome();
        assertEquals(AuthenticationStatus.SEND_FAILURE, mechanism.validateRequest(request("/admin", null, BOB, away),
                response(away), context(away, true)));
        assertEquals(503, away.status);
        assertEquals("5", away.headers.get("Retry-After"));
        assertTrue(away.body.toString().contains("\"field\":\"session\""), away.body.toString());
        assertEquals(null, away.caller);
    }

    @Test
    void anEnrollingSessionHasNoRoleAndTheCitizensSiteIsLeftAlone() {
        Outcome enrolling = new Outcome();
        mechanism("production").validateRequest(request("/admin", null, CAROL, enrolling),
                response(enrolling), context(enrolling, true));
        assertEquals(null, enrolling.caller);
        assertEquals(401, enrolling.status);

        Outcome citizen = new Outcome();
        AuthenticationStatus status = mechanism("production").validateRequest(
                request("", basic("alice", "right-password"), null, citizen), response(citizen), context(citizen, true));
        assertEquals(AuthenticationStatus.NOT_DONE, status);
        assertEquals(200, citizen.status);
    }

    /** Tokens of a verified session (bob, bailiff) and of an enrolling one (carol). */
    private static final String BOB = "b".repeat(43);
    private static final String CAROL = "c".repeat(43);

    private static ConsoleAuthentication mechanism(String mode) {
        ConsoleAuthentication mechanism = new ConsoleAuthentication();
        mechanism.mode = mode;
        mechanism.sessions = new ConsoleSessions() {
            @Override
            public Optional<ConsoleSession> find(String token) {
                return BOB.equals(token) ? Optional.of(ConsoleSession.verified("bob", Set.of("bailiff"), NOW))
                        : CAROL.equals(token) ? Optional.of(ConsoleSession.enrolling("carol", NOW)) : Optional.empty();
            }
        };
        mechanism.accounts = new AdminAccounts() {
            @Override
            public Optional<Set<String>> authenticate(String username, String password) {
                return "alice".equals(username) && "right-password".equals(password)
                        ? Optional.of(Set.of("organizer")) : Optional.empty();
            }
        };
        return mechanism;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpServletRequest request(String contextPath, String authorization, String token, Outcome outcome) {
        Cookie[] cookies = token == null ? null
                : new Cookie[] {new Cookie("other", "x"), new Cookie(ConsoleAuthentication.COOKIE, token)};
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContextPath" -> contextPath;
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                    case "getCookies" -> cookies;
                    case "getSession" -> throw new AssertionError("the console makes no HTTP session");
                    default -> null;
                });
    }

    static HttpServletResponse response(Outcome outcome) {
        PrintWriter writer = new PrintWriter(outcome.body);
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        outcome.status = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        outcome.headers.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "getWriter" -> writer;
                    case "flushBuffer" -> {
                        writer.flush();
                        yield null;
                    }
                    default -> null;
                });
    }

    @SuppressWarnings("unchecked")
    static HttpMessageContext context(Outcome outcome, boolean isProtected) {
        return (HttpMessageContext) Proxy.newProxyInstance(HttpMessageContext.class.getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isProtected" -> isProtected;
                    case "doNothing" -> AuthenticationStatus.NOT_DONE;
                    case "notifyContainerAboutLogin" -> {
                        outcome.caller = (String) args[0];
                        outcome.groups = (Set<String>) args[1];
                        yield AuthenticationStatus.SUCCESS;
                    }
                    default -> null;
                });
    }
}
