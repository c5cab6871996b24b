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
 * cannot compare text with NUL, and answered with a 500);
 * <li>an address with a {@code .} or {@code ..} segment, raw or percent-encoded ({@code %2e}), is a 400
 * on {@code path}: no address of the platform has one, and the first full drill found
 * {@code POST /api/unsubscribe/..} read as the token {@code ".."} (docs/security.md). Payara's HTTP layer
 * resolves some of them before this filter (and answers some itself: see docs/security.md).
 * </ul>
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestHeaderGuard implements ContainerRequestFilter {

    static final String DOT_SEGMENT = "the address may not contain a '.' or '..' segment";

    @Override
    public void filter(ContainerRequestContext request) {
        if (hasDotSegment(request.getUriInfo().getRequestUri().getRawPath())) {
            request.abortWith(ProblemResponses.of(400, "Bad Request", "path", DOT_SEGMENT));
            return;
        }
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

    /**
     * Whether a raw (still percent-encoded) path has a segment that is {@code .} or {@code ..} once its
     * {@code %2e}s are read as dots; a segment's matrix parameters ({@code ;x}) are not part of its name.
     */
    static boolean hasDotSegment(String rawPath) {
        if (rawPath == null || rawPath.indexOf('.') < 0 && rawPath.indexOf('%') < 0) {
            return false; // every request passes here, the cast included: most addresses have neither
        }
        for (String segment : rawPath.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = (parameters >= 0 ? segment.substring(0, parameters) : segment)
                    .replace("%2e", ".").replace("%2E", ".");
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
