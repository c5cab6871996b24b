package org.openprimary.registration.boundary;

/**
 * Which registrants of an election an organizer's message goes to: everyone registered (still
 * verifying or on the roll), those on the roll, or those who have not finished verifying. Struck-off
 * registrants are in none: what concerns them reaches them one by one.
 */
public enum ContactGroup {
    REGISTERED,
    ON_ROLL,
    UNVERIFIED
}
