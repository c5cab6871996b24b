package org.openprimary.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openprimary.common.DomainException;

/** The one place where a refusal of the domain becomes an HTTP answer. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException e) {
        return ProblemResponses.of(e.status(), e.title(), e.field().orElse(null), e.reason());
    }
}
