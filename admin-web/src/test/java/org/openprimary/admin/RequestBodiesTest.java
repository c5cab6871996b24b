package org.openprimary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openprimary.testing.RequestBodies;

/** Every JSON body this module's resources take is one Payara's JSON-B can read (see {@link RequestBodies}). */
class RequestBodiesTest {

    @Test
    void everyRequestBodyIsOneYassonCanRead() {
        assertTrue(RequestBodies.bodyTypes("org.openprimary.admin").size() > 3,
                "the resources' bodies are found: " + RequestBodies.bodyTypes("org.openprimary.admin"));
        assertEquals(List.of(), RequestBodies.unreadable("org.openprimary.admin"));
    }
}
