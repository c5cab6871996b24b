package org.openprimary.registration.boundary;

/** How voters get on an election's roll. */
public enum RollMode {
    /** Any citizen registers and verifies. */
    OPEN,
    /** An organizer imports a member list; members verify before voting. */
    IMPORTED
}
