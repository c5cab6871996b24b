package org.openprimary.common.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * Before a request is matched to a resource (found by issue 5's bad-input drill, {@code BadInputIT}):
 *
 * <ul>
 * <li>an {@code Accept} header that is not a list of media types ({@code *}{@code /*;q=x}) is read as
 * {@code *}{@code /*}: it used to make every refusal the server's HTML error page instead of
 * problem+json;
 * <li>a {@code Content-Type} that is not a media type is a 400 naming it;
 * <li>a query parameter holding the NUL character is a 400 naming the parameter (PostgreSQL
 * cannot compare text with NUL, and answered with a 500).
 * </ul>
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestHeaderGuard implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            request.getAcceptableMediaTypes();
        } catch (RuntimeException unreadable) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, "*/*");
        }
        try {
            request.getMediaType();
        } catch (RuntimeException unreadable) {
            request.abortWith(ProblemResponses.of(400, "Bad Request", "Content-Type",
                    "the Content-Type header is not a media type; send application/json"));
            return;
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (value.indexOf('\0') >= 0) {
                    request.abortWith(ProblemResponses.of(400, "Bad Request", parameter.getKey(),
                            "a query parameter may not contain the NUL character"));
                    return;
                }
            }
        }
    }
}
