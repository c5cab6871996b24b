package org.openprimary.voting.console;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is signed in to the console in this HTTP session. {@code verified} is false between a right
 * password and the confirmation of a second factor being enrolled: such a session has no role.
 * Serializable, so a cluster can replicate sessions.
 */
public record ConsoleSession(String username, List<String> roles, boolean verified, Instant signedInAt)
        implements Serializable {

    /** The HTTP session attribute that holds it. */
    public static final String ATTRIBUTE = "openprimary.console";

    /** However active, a console session ends after this; idle ones end sooner (web.xml). */
    public static final Duration MAX_AGE = Duration.ofHours(8);

    public ConsoleSession {
        roles = List.copyOf(roles);
    }

    public static ConsoleSession verified(String username, Set<String> roles, Instant now) {
        return new ConsoleSession(username, roles.stream().sorted().toList(), true, now);
    }

    public static ConsoleSession enrolling(String username, Instant now) {
        return new ConsoleSession(username, List.of(), false, now);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(signedInAt.plus(MAX_AGE));
    }
}
