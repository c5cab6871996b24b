package org.openprimary.registration.boundary;

import java.util.Optional;
import java.util.UUID;

/**
 * A voter on a frozen roll, as the voting module needs them to send the voting link: the
 * registration's id (to ask for a voting code later), the first name for the greeting, the
 * contacts and the language. Nothing else leaves the registration module.
 */
public record RollVoter(UUID registrantId, String firstName, Optional<String> phone, Optional<String> email,
        String language) {
}
