package org.openprimary.common.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestHeaderGuardTest {

    @Test
    void dotSegmentsRawOrEncodedAreFound() {
        for (String path : new String[] {"/api/unsubscribe/..", "/api/unsubscribe/.", "/api/x/../y", "/api/./y",
                "/api/unsubscribe/%2e%2e", "/api/unsubscribe/%2E.", "/api/unsubscribe/.%2e", "/api/unsubscribe/%2e",
                "/admin/api/elections/1/campaigns/..;x=1", "/api/x/../"}) {
            assertTrue(RequestHeaderGuard.hasDotSegment(path), path);
        }
    }

    @Test
    void dotsInsideANameAreNotSegments() {
        for (String path : new String[] {"/api/elections/1", "/api/unsubscribe/a..b", "/api/unsubscribe/...",
                "/api/files/result.csv", "/api/x/.well-known", "/api/unsubscribe/%252e%252e", "/", "", "/api//x"}) {
            assertFalse(RequestHeaderGuard.hasDotSegment(path), path);
        }
        assertFalse(RequestHeaderGuard.hasDotSegment(null));
    }
}
