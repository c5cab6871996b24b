package org.openprimary.admin.audit;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openprimary.common.web.Problem;
import org.openprimary.registration.boundary.RollSearchResult;
import org.openprimary.voting.boundary.AuditTrail;

/**
 * Writes every state-changing admin request to the audit trail once it is answered, accepted or
 * refused: the account, the method and path, the election it concerns, the status, and for a
 * refusal the reason; and every request of the support console ({@code support/...}) and every
 * search of a roll ({@code elections/{id}/roll}, with how the query was read and how many were
 * found), reads included. Request bodies and query strings are never recorded (they may carry
 * passphrases, or the personal data searched for: the trail is append-only, and could not erase them).
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern ELECTION = Pattern.compile("elections/([0-9a-fA-F-]{36})");
    private static final String SUPPORT = "support/";
    private static final Pattern ROLL_SEARCH = Pattern.compile("elections/[0-9a-fA-F-]{36}/roll/?");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        // Reads are not recorded, except the hotline's: an operator reading someone's data leaves a trace.
        String relative = path.replaceFirst("^/", "");
        if (SAFE.contains(request.getMethod()) && !relative.startsWith(SUPPORT)
                && !ROLL_SEARCH.matcher(relative).matches()) {
            return;
        }
        Matcher election = ELECTION.matcher(path);
        String actor = request.getSecurityContext().getUserPrincipal() != null
                ? request.getSecurityContext().getUserPrincipal().getName()
                : request.getProperty(org.openprimary.admin.session.SessionResource.ACTOR) instanceof String tried
                        ? tried : null;
        String outcome = response.getEntity() instanceof Problem problem
                ? problem.field() + ": " + problem.reason()
                : response.getEntity() instanceof RollSearchResult found
                        ? "searched by " + found.by() + ": " + found.registrants().size() + (found.more() ? "+" : "")
                                + " found"
                        : response.getStatus() < 400 ? "done" : "refused";
        try {
            CDI.current().select(AuditTrail.class).get().record(actor, request.getMethod() + " " + path,
                    election.find() ? election.group(1).toLowerCase(java.util.Locale.ROOT) : null,
                    response.getStatus(), outcome);
        } catch (RuntimeException e) {
            // An audit that cannot be written must be seen: the request itself is already answered.
            LOG.log(Level.SEVERE, "The audit trail could not record " + request.getMethod() + " " + path, e);
        }
    }
}
