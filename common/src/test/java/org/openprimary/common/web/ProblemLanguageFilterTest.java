package org.openprimary.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class ProblemLanguageFilterTest {

    private static final String NOT_JSON = "the request body is not valid JSON of the expected shape";

    /** A response as the filter sees it: its entity (which the filter may replace) and its headers. */
    private static final class Answer {
        Object entity;
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        ContainerResponseContext context() {
            return (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerResponseContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getEntity" -> entity;
                        case "setEntity" -> {
                            entity = args[0];
                            yield null;
                        }
                        case "getHeaders" -> headers;
                        case "getEntityAnnotations" -> new java.lang.annotation.Annotation[0];
                        case "getMediaType" -> new MediaType("application", "problem+json");
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static ContainerRequestContext asking(String acceptLanguage) {
        return (ContainerRequestContext) Proxy.newProxyInstance(ProblemLanguageFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString") && HttpHeaders.ACCEPT_LANGUAGE.equals(args[0])) {
                        return acceptLanguage;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Answer filtered(Object entity, String acceptLanguage) {
        Answer answer = new Answer();
        answer.entity = entity;
        new ProblemLanguageFilter().filter(asking(acceptLanguage), answer.context());
        return answer;
    }

    @Test
    void aProblemBuiltOutsideTheDomainIsSaidInTheLanguageAskedForWithItsCode() {
        Answer french = filtered(Problem.of(400, "Bad Request", "body", NOT_JSON), "fr-FR,fr;q=0.9,en;q=0.5");
        Problem said = (Problem) french.entity;
        assertEquals("le corps de la requête n’est pas un JSON de la forme attendue", said.reason());
        assertEquals(said.reason(), said.detail());
        assertEquals("body", said.field());
        assertEquals(400, said.status());
        assertEquals("body-not-json", said.code());
        assertEquals("fr", french.headers.getFirst(HttpHeaders.CONTENT_LANGUAGE));
        assertEquals(HttpHeaders.ACCEPT_LANGUAGE, french.headers.getFirst(HttpHeaders.VARY));

        Problem english = (Problem) filtered(Problem.of(400, "Bad Request", "body", NOT_JSON), null).entity;
        assertEquals(NOT_JSON, english.reason());
        assertEquals("body-not-json", english.code(), "the code is the same in every language");

        Problem incident = (Problem) filtered(Problem.of(500, "Internal Server Error", null,
                "an unexpected error occurred; incident 4f2a"), "fr").entity;
        assertEquals("une erreur inattendue s’est produite\u202f; incident 4f2a", incident.reason());
    }

    @Test
    void whatIsSaidAlreadyOrIsNoProblemIsLeftAsItIs() {
        Problem coded = new Problem("about:blank", "Conflict", 409, "x", "state", "x", "a-code");
        assertSame(coded, filtered(coded, "fr").entity);
        assertEquals("not a problem", filtered("not a problem", "fr").entity);
        Problem unknown = Problem.of(400, "Bad Request", "x", "a reason the catalog does not know");
        Answer answer = filtered(unknown, "fr");
        assertEquals("a reason the catalog does not know", ((Problem) answer.entity).reason());
        assertNull(((Problem) answer.entity).code());
    }
}
