package org.openprimary.admin.session;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.voting.console.ConsoleAuthentication;
import org.openprimary.voting.console.ConsoleSession;
import org.openprimary.voting.console.ConsoleSessions;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.UnauthorizedException;
import org.openprimary.voting.boundary.AdminAccounts;

/**
 * The console's sign-in: a password and the TOTP code open a session in the database
 * ({@link ConsoleSessions}) whose random token the {@code OPENPRIMARY_CONSOLE} cookie carries (a new
 * token at every sign-in and at the enrolment's confirmation, the previous session deleted, against
 * session fixation); any instance reads it, none keeps an HTTP session. An account without a second factor gets a session with no role
 * that can only enrol one: the QR code, then a code of it (and a new password when the account's
 * password was set by someone else), and only then the account's roles. Not behind web.xml's
 * constraints: it is how one gets past them.
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** The request attribute the audit trail reads for who tried to sign in. */
    public static final String ACTOR = "openprimary.actor";

    private static final List<String> ROLES = List.of("organizer", "bailiff", "trustee", "operator", "auditor");

    @EJB
    AdminAccounts accounts;

    @EJB
    ConsoleSessions sessions;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    /** Behind a balancer the operator trusts, the client's address is the first of X-Forwarded-For. */
    @jakarta.inject.Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "openprimary.http.trust-forwarded-for",
            defaultValue = "false")
    boolean trustForwardedFor;

    public record SignInRequest(String username, String password, String code) {
    }

    public record CodeRequest(String code, String newPassword) {
    }

    public record Enrolment(String secret, String otpauthUri, String qrCode) {
    }

    /** Who is signed in; {@code secondFactor} is {@code verified} or {@code enrolment-required}. */
    public record SessionView(String username, List<String> roles, String secondFactor, Enrolment enrolment,
            boolean newPasswordRequired) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in {username, password, code}; an account without a second factor gets its enrolment")
    public Response signIn(SignInRequest body) {
        if (body == null) {
            throw new InvalidInputException("body", "send {username, password, code} as a JSON object");
        }
        request.setAttribute(ACTOR, body.username());
        AdminAccounts.SignIn signIn = accounts.signIn(body.username(), body.password(), body.code(),
                org.openprimary.common.web.ClientAddress.of(request, trustForwardedFor));
        String token = sessions.open(signIn.username(), signIn.verified(), previousToken().orElse(null));
        if (signIn.verified()) {
            return signedIn(token, verifiedView(signIn.username(), signIn.roles()));
        }
        return signedIn(token, new SessionView(signIn.username(), List.of(), "enrolment-required",
                new Enrolment(signIn.enrolmentSecret(), signIn.enrolmentUri(),
                        request.getContextPath() + "/api/session/totp/qr.png"),
                accounts.mustChangePassword(signIn.username())));
    }

    @POST
    @Path("totp")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the second factor offered at sign-in {code, newPassword when required}")
    public Response confirm(CodeRequest body) {
        ConsoleSession enrolling = enrolling();
        request.setAttribute(ACTOR, enrolling.username());
        AdminAccounts.SignIn signIn = accounts.confirmEnrolment(enrolling.username(),
                body == null ? null : body.code(), body == null ? null : body.newPassword());
        return signedIn(sessions.open(signIn.username(), true, previousToken().orElse(null)),
                verifiedView(signIn.username(), signIn.roles()));
    }

    @GET
    @Path("totp/qr.png")
    @Produces("image/png")
    @Operation(summary = "The QR code of the second factor being enrolled")
    public Response qrCode() {
        ConsoleSession enrolling = enrolling();
        byte[] png = accounts.enrolmentQrCode(enrolling.username())
                .orElseThrow(() -> new UnauthorizedException(null, "sign in again with your password to enrol a second factor"));
        return Response.ok(png, "image/png").cacheControl(noStoreControl()).build();
    }

    @GET
    @Operation(summary = "Who is signed in")
    public Response current() {
        if (security.getUserPrincipal() == null) {
            throw new UnauthorizedException(null, "sign in to the console");
        }
        Set<String> roles = new TreeSet<>();
        ROLES.stream().filter(security::isUserInRole).forEach(roles::add);
        return noStore(verifiedView(security.getUserPrincipal().getName(), roles));
    }

    @DELETE
    @Operation(summary = "Sign out")
    public Response signOut() {
        previousToken().ifPresent(token -> {
            sessions.find(token).ifPresent(console -> request.setAttribute(ACTOR, console.username()));
            sessions.close(token);
        });
        return Response.noContent().cacheControl(noStoreControl())
                .header("Set-Cookie", SessionCookie.cleared(request)).build();
    }

    private ConsoleSession enrolling() {
        return previousToken().flatMap(sessions::find).filter(console -> !console.verified())
                .orElseThrow(() -> new UnauthorizedException(null,
                        "sign in again with your password to enrol a second factor"));
    }

    /** The token of the session the request came with, if any. */
    private java.util.Optional<String> previousToken() {
        return ConsoleAuthentication.token(request);
    }

    /** The answer that hands the browser a new session's token. */
    private Response signedIn(String token, SessionView view) {
        return Response.ok(view).cacheControl(noStoreControl())
                .header("Set-Cookie", SessionCookie.carrying(token, request)).build();
    }

    private static SessionView verifiedView(String username, Set<String> roles) {
        return new SessionView(username, roles.stream().sorted().toList(), "verified", null, false);
    }

    private static Response noStore(Object entity) {
        return Response.ok(entity).cacheControl(noStoreControl()).build();
    }

    private static CacheControl noStoreControl() {
        CacheControl control = new CacheControl();
        control.setNoStore(true);
        return control;
    }
}
