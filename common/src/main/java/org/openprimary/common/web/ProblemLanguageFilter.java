package org.openprimary.common.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Says in the client's language the problems built outside the domain's refusals: a body that is not
 * JSON, a header, a query or an address refused before matching, a cross-site request, an unexpected
 * failure or a database out of reach. {@link DomainExceptionMapper} says the domain's own; this filter
 * takes any other {@link Problem} answer that has no code yet (so no language either) through
 * {@link Reasons}, with {@code Content-Language} and {@code Vary: Accept-Language}. Response filters also
 * run on the answers of request filters that aborted, so the refusals before matching are said too.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class ProblemLanguageFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || problem.code() != null
                || response.getHeaders().containsKey(HttpHeaders.CONTENT_LANGUAGE)) {
            return;
        }
        String language = Reasons.language(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        response.setEntity(problem.in(language), response.getEntityAnnotations(), response.getMediaType());
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, language);
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
