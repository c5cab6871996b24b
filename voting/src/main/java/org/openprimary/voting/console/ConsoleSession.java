package org.openprimary.voting.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is signed in to the console with one session ({@link ConsoleSessions}, a row of
 * {@code voting.console_session}). {@code verified} is false between a right password and the
 * confirmation of a second factor being enrolled: such a session has no role. The roles are the
 * account's as read with the session, never a copy made at the sign-in.
 */
public record ConsoleSession(String username, List<String> roles, boolean verified, Instant signedInAt,
        Instant lastSeenAt) {

    /** However active, a console session ends this long after the sign-in. */
    public static final Duration MAX_AGE = Duration.ofHours(8);

    /** A console session without a request for this long ends (the last request is kept to the minute). */
    public static final Duration IDLE = Duration.ofMinutes(15);

    public ConsoleSession {
        roles = List.copyOf(roles);
    }

    public static ConsoleSession verified(String username, Set<String> roles, Instant now) {
        return new ConsoleSession(username, roles.stream().sorted().toList(), true, now, now);
    }

    public static ConsoleSession enrolling(String username, Instant now) {
        return new ConsoleSession(username, List.of(), false, now, now);
    }

    /** Whether the session is over at {@code now}: past its maximum age, or idle too long. */
    public boolean expired(Instant now) {
        return !now.isBefore(signedInAt.plus(MAX_AGE)) || !now.isBefore(lastSeenAt.plus(IDLE));
    }
}
