package org.openprimary.launcher.drills;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BadInputDrillTest {

    private static boolean wellFormed(String body) {
        return BadInputDrill.wellFormed(body.getBytes(StandardCharsets.UTF_8));
    }

    /** What the drill sends as malformed JSON must not parse (the first full run sent a valid body as such). */
    @Test
    void onlyOneWholeJsonValueIsWellFormed() {
        assertTrue(wellFormed("{\"description\":\"text\"}"), "the body the first full run sent as malformed");
        assertTrue(wellFormed("[1, 2]"));
        assertFalse(wellFormed("{\"description\":\"text\""));
        assertFalse(wellFormed("{'description':'text'}"));
        assertFalse(wellFormed("{\"description\":\"text\"} x"), "nothing may follow the value");
        assertFalse(wellFormed("{\"description\" \"text\"}"));
        assertFalse(wellFormed(""));
    }

    private static RawHttp.Response answer(int status, Map<String, List<String>> headers, String body) {
        return new RawHttp.Response(status, headers, body);
    }

    private static RawHttp.Request post(String target) {
        return new RawHttp.Request("POST", target, List.of(), new byte[0]);
    }

    /** Only Payara's own empty 200 to a trailing dot segment is counted apart; anything the EAR answered is checked. */
    @Test
    void onlyTheHttpServersEmptyAnswerToATrailingDotSegmentIsCountedApart() {
        Map<String, List<String>> payaras = Map.of("x-frame-options", List.of("SAMEORIGIN"), "content-length", List.of("0"));
        for (String target : List.of("/api/unsubscribe/..", "/api/unsubscribe/.", "/api/unsubscribe/%2E%2e?x=1")) {
            assertTrue(BadInputDrill.failedInTheHttpServer(post(target), answer(200, payaras, "")), target);
        }
        assertFalse(BadInputDrill.failedInTheHttpServer(post("/api/unsubscribe/a"), answer(200, payaras, "")),
                "an empty 200 elsewhere is a finding");
        assertFalse(BadInputDrill.failedInTheHttpServer(post("/api/unsubscribe/../x"), answer(200, payaras, "")),
                "a dot segment that is not last is resolved by the HTTP server: its answer is the application's");
        assertFalse(BadInputDrill.failedInTheHttpServer(post("/api/unsubscribe/.."),
                answer(200, Map.of("content-security-policy", List.of("default-src 'self'")), "")),
                "the application answered (its headers are there)");
        assertFalse(BadInputDrill.failedInTheHttpServer(post("/api/unsubscribe/.."), answer(200, payaras, "<p>done</p>")));
        assertFalse(BadInputDrill.failedInTheHttpServer(post("/api/unsubscribe/.."), answer(204, payaras, "")));
    }
}
