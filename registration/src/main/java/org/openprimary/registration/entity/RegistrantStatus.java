package org.openprimary.registration.entity;

/** Where a registrant stands: still verifying, or on the roll. */
public enum RegistrantStatus {
    PENDING,
    ON_ROLL
}
