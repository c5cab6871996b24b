package org.openprimary.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unforeseen: logged in full with an incident id, answered with that id only, so no
 * stack trace or internal detail reaches the caller. A failure caused by the database being out of
 * reach is no fault of the request: it is answered 503 with {@code Retry-After}
 * ({@link DatabaseUnavailable}), and logged in one line, not with its stack.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (DatabaseUnavailable.causedBy(e)) {
            LOG.warning("The database is out of reach; answered 503: " + e);
            return databaseUnavailable();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
        return ProblemResponses.of(500, "Internal Server Error", null,
                "an unexpected error occurred; incident " + incident);
    }

    /** 503 problem+json: the database cannot be reached; retry after a few seconds. */
    public static Response databaseUnavailable() {
        Response problem = ProblemResponses.of(503, "Service Unavailable", null,
                "the database is briefly out of reach; try again in a few seconds");
        return Response.fromResponse(problem).header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
    }
}
