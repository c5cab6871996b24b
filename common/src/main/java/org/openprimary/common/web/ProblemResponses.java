package org.openprimary.common.web;

import jakarta.ws.rs.core.Response;

/** Builds problem+json responses. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    public static Response of(int status, String title, String field, String reason) {
        return of(Problem.of(status, title, field, reason));
    }
}
