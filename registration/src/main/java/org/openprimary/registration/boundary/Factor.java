package org.openprimary.registration.boundary;

/** A proof a registrant gives of who they are; an election says which it requires. */
public enum Factor {
    /** A code sent by SMS (or voice call) to a mobile phone. */
    PHONE,
    /** A single-use link (and code) sent by email. */
    EMAIL,
    /** A bank-card imprint: only a keyed hash of the card's fingerprint is kept. */
    CARD
}
