package org.openprimary.registration.boundary;

import java.time.Instant;

/**
 * What a registrant struck off the roll reads: the reason code, when, until when they may appeal,
 * and their appeal if they filed one.
 */
public record StrikeOffStatus(String reason, Instant struckOffAt, Instant appealUntil, AppealView appeal) {
}
