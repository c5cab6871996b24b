package org.openprimary.admin.audit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of the console's 401 and 403 answers that the container makes itself (web.xml's
 * security constraints): records the refusal in the audit trail ({@link AccessRefusals}) and
 * answers problem+json on {@code role} (403) or {@code authorization} (401). Only an error dispatch
 * is served: called directly, it is a 404 and records nothing.
 */
public class AccessRefusedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The reason of a 403 from web.xml's rules; the resources' own refusals (RoleCheck) say who may instead. */
    public static final String FORBIDDEN = "this account's roles may not make this call (the console's access rules)";
    private static final String UNAUTHORIZED = "sign in to the console first";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c ? c : HttpServletResponse.SC_FORBIDDEN;
        boolean forbidden = status == HttpServletResponse.SC_FORBIDDEN;
        String field = forbidden ? "role" : "authorization";
        String reason = forbidden ? FORBIDDEN : UNAUTHORIZED;
        String path = AccessRefusals.apiPath(request, (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (path != null && request.getAttribute(AccessRefusals.SEEN) == null) {
            AccessRefusals.record(request, request.getMethod(), path, status, field + ": " + reason);
        }
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        // The members of common's Problem; field and reason are this class's constants: nothing to escape.
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + (forbidden ? "Forbidden" : "Not signed in")
                + "\",\"status\":" + status + ",\"detail\":\"" + reason + "\",\"field\":\"" + field + "\",\"reason\":\""
                + reason + "\"}");
    }
}
