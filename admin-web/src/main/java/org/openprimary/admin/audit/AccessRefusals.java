package org.openprimary.admin.audit;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openprimary.voting.boundary.AuditTrail;

/**
 * The admin requests the container refuses before any of the console's code runs, written to the
 * audit trail all the same ({@link AuditFilter} never sees them):
 * <ul>
 * <li>403, a signed-in account whose roles web.xml's constraints do not let through: the container
 * sends it to the error page {@link AccessRefusedServlet}, which records it and answers problem+json;
 * <li>401, a call that is not signed in: the console's authentication mechanism answers it itself
 * (committed, so no error page follows). As a filter on {@code /api/*} this class marks every
 * request that got past the constraints; as a request listener it records, when the request ends,
 * an admin API request that was never marked nor recorded: refused before the console, not signed in.
 * </ul>
 * As {@link AuditFilter} does, the reads of anyone not signed in are not recorded (only the writes,
 * the support console's and the roll search's), so that nobody can fill the trail without an
 * account by reading; every 403 is (it needs an account). Query strings are never recorded.
 */
public class AccessRefusals implements Filter, ServletRequestListener {

    private static final Logger LOG = Logger.getLogger(AccessRefusals.class.getName());
    /** Set on a request that reached the console's filters, or whose refusal was recorded. */
    static final String SEEN = "openprimary.audit.seen";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern ELECTION = Pattern.compile("elections/([0-9a-fA-F-]{36})");
    private static final Pattern ROLL_SEARCH = Pattern.compile("elections/[0-9a-fA-F-]{36}/roll/?");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(SEEN, Boolean.TRUE);
        chain.doFilter(request, response);
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        if (!(event.getServletRequest() instanceof HttpServletRequest request)
                || request.getAttribute(SEEN) != null) {
            return;
        }
        String path = apiPath(request, request.getRequestURI());
        if (path != null) {
            record(request, request.getMethod(), path, 401, "not signed in: refused before the console");
        }
    }

    /** The path under {@code /admin/api/} without its leading slash (as AuditFilter writes it), or null. */
    static String apiPath(HttpServletRequest request, String uri) {
        String api = request.getContextPath() + "/api/";
        return uri != null && uri.startsWith(api) ? uri.substring(api.length()) : null;
    }

    /** Records a refused request, unless it is an anonymous read that AuditFilter would not record either. */
    static void record(HttpServletRequest request, String method, String path, int status, String outcome) {
        request.setAttribute(SEEN, Boolean.TRUE);
        String actor = request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
        if (actor == null && SAFE.contains(method) && !path.startsWith("support/")
                && !ROLL_SEARCH.matcher(path).matches()) {
            return;
        }
        Matcher election = ELECTION.matcher(path);
        try {
            CDI.current().select(AuditTrail.class).get().record(actor, method + " " + path,
                    election.find() ? election.group(1).toLowerCase(Locale.ROOT) : null, status, outcome);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The audit trail could not record the refusal of " + method + " " + path, e);
        }
    }
}
