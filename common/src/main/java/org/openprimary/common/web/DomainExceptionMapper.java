package org.openprimary.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openprimary.common.DomainException;
import org.openprimary.common.ServiceUnavailableException;
import org.openprimary.common.TooManyRequestsException;

/** The one place where a refusal of the domain becomes an HTTP answer. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException e) {
        Response problem = ProblemResponses.of(e.status(), e.title(), e.field().orElse(null), e.reason());
        if (e instanceof TooManyRequestsException limited) {
            long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
            return Response.fromResponse(problem).header("Retry-After", seconds).build();
        }
        if (e instanceof ServiceUnavailableException unavailable) {
            long seconds = Math.max(1, (unavailable.retryAfter().toMillis() + 999) / 1000);
            return Response.fromResponse(problem).header("Retry-After", seconds).build();
        }
        return problem;
    }
}
