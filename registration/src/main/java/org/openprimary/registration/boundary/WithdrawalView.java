package org.openprimary.registration.boundary;

import java.time.Instant;

/**
 * The answer to a withdrawal. While registration is open the data are erased at once
 * ({@code erased}). Once the roll is frozen the registrant stays on the sealed roll and the request
 * is recorded ({@code requestedAt}): the data are erased by the purge at the retention deadline,
 * {@code erasedBy} once the result is published (until then, the retention period after it,
 * {@code retention}); campaigns no longer reach them meanwhile.
 */
public record WithdrawalView(boolean erased, Instant requestedAt, Instant erasedBy, String retention,
        String message) {
}
