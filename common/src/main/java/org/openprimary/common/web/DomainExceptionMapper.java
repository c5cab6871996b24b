package org.openprimary.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openprimary.common.DomainException;
import org.openprimary.common.ServiceUnavailableException;
import org.openprimary.common.TooManyRequestsException;

/**
 * The one place where a refusal of the domain becomes an HTTP answer: problem+json with the field
 * and the reason ({@link ProblemLanguageFilter} then says it in the client's language with its stable
 * code), and {@code Retry-After} for a limit or an outage.
 */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException e) {
        // said in the client's language by ProblemLanguageFilter, like every other problem
        Response.ResponseBuilder problem = Response.fromResponse(ProblemResponses.of(
                Problem.of(e.status(), e.title(), e.field().orElse(null), e.reason())));
        if (e instanceof TooManyRequestsException limited) {
            problem.header("Retry-After", Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000));
        } else if (e instanceof ServiceUnavailableException unavailable) {
            problem.header("Retry-After", Math.max(1, (unavailable.retryAfter().toMillis() + 999) / 1000));
        }
        return problem.build();
    }
}
