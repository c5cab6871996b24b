package org.openprimary.notifications.boundary;

/** How a message reaches its recipient. */
public enum Channel {
    SMS,
    EMAIL
}
