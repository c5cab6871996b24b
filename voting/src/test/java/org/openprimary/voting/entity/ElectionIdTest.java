package org.openprimary.voting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openprimary.common.NotFoundException;

class ElectionIdTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "42", "not-a-uuid", "1-1-1-1-1", "8dfced9e-6af6-4b7b-adda-c99f228dca7b'--"})
    void textThatIsNotACanonicalUuidNamesNoElection(String text) {
        NotFoundException refused = assertThrows(NotFoundException.class, () -> ElectionId.parse(text));
        assertEquals("id", refused.field().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8dfced9e-6af6-4b7b-adda-c99f228dca7b", "8DFCED9E-6AF6-4B7B-ADDA-C99F228DCA7B"})
    void aCanonicalUuidIsAnId(String text) {
        assertEquals(UUID.fromString(text), ElectionId.parse(text).value());
    }
}
