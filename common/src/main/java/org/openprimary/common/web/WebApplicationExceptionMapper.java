package org.openprimary.common.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (unknown path, wrong method, unsupported media type, unreadable body)
 * as problem+json, keeping their status and headers.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.getEntity() instanceof Problem) {
            return original; // already a problem that names its field (JsonBodyGuard)
        }
        int status = original.getStatus();
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "HTTP " + status : statusType.getReasonPhrase();
        String field = null;
        String reason = switch (status) {
            case 400 -> {
                field = "body";
                yield "the request body is not valid JSON of the expected shape";
            }
            case 404 -> "there is nothing at this address";
            case 405 -> "this method is not allowed at this address";
            case 406 -> "this address cannot answer in the requested media type";
            case 415 -> "send the body as application/json";
            default -> title;
        };
        Response.ResponseBuilder builder = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, field, reason));
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }
}
