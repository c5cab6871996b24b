package org.openprimary.common.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openprimary.common.DomainException;
import org.openprimary.common.ServiceUnavailableException;
import org.openprimary.common.TooManyRequestsException;

/**
 * The one place where a refusal of the domain becomes an HTTP answer: problem+json with the field,
 * the reason in the client's language (French or English from Accept-Language, {@link Reasons}) and
 * its stable code, and {@code Retry-After} for a limit or an outage.
 */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(DomainException e) {
        String language = Reasons.language(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Problem said = Problem.of(e.status(), e.title(), e.field().orElse(null), e.reason()).in(language);
        Response.ResponseBuilder problem = Response.fromResponse(ProblemResponses.of(said))
                .header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        if (e instanceof TooManyRequestsException limited) {
            problem.header("Retry-After", Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000));
        } else if (e instanceof ServiceUnavailableException unavailable) {
            problem.header("Retry-After", Math.max(1, (unavailable.retryAfter().toMillis() + 999) / 1000));
        }
        return problem.build();
    }
}
