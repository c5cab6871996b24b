package org.openprimary.common.web;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body that cannot be read as the expected JSON (malformed, or a value of the wrong
 * type) is the caller's error, not ours: 400 naming the body. Any other processing failure is
 * handed to {@link UnexpectedExceptionMapper}.
 */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonParsingException) {
                return ProblemResponses.of(400, "Bad Request", "body",
                        "the request body is not valid JSON of the expected shape");
            }
        }
        return new UnexpectedExceptionMapper().toResponse(e);
    }
}
