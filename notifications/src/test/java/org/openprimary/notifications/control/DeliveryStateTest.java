package org.openprimary.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a message's outbox status and provider report read for the voter who waits for it. */
class DeliveryStateTest {

    @ParameterizedTest(name = "{0} reported {1} is {2}")
    @CsvSource(nullValues = "-", value = {
            "PENDING, -, waiting",
            "SENDING, -, waiting",
            "SENT, -, sent",
            "SENT, queued, sent",
            "SENT, sent, sent",
            "SENT, delivered, delivered",
            "SENT, undelivered, failed",
            "SENT, failed, failed",
            "DEAD, -, failed",
            "SKIPPED, -, failed",
            "WITHDRAWN, -, failed"})
    void aMessageReadsAsOneOfFourStates(String status, String delivery, String expected) {
        assertEquals(expected, DeliveryReports.state(status, delivery));
    }
}
