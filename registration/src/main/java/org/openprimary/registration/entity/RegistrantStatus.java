package org.openprimary.registration.entity;

/** Where a registrant stands: still verifying, on the roll, or struck off it (with a reason). */
public enum RegistrantStatus {
    PENDING,
    ON_ROLL,
    STRUCK_OFF
}
