package org.openprimary.notifications.boundary;

/**
 * What an unsubscribe link's page shows: the channel, the address masked (the link may be
 * forwarded), and whether it is unsubscribed.
 */
public record SubscriptionView(String channel, String address, boolean unsubscribed) {
}
