package org.openprimary.common.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * The one place where a problem is said in the client's language (French or English from
 * Accept-Language): every {@link Problem} answer, the domain's refusals ({@link DomainExceptionMapper})
 * as well as what is refused before the domain is reached (a body that is not JSON, a header, a query
 * or an address refused before matching, a cross-site request, an unexpected failure, a database out
 * of reach), goes through {@link Reasons} and gets its stable code, {@code Content-Language} and
 * {@code Vary: Accept-Language}. Response filters also run on the answers of request filters that
 * aborted, so the refusals before matching are said too. A problem that has a code already is left.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class ProblemLanguageFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || problem.code() != null) {
            return;
        }
        String language = Reasons.language(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        response.setEntity(problem.in(language), response.getEntityAnnotations(), response.getMediaType());
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, language);
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
