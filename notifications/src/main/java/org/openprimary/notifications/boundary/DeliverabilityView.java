package org.openprimary.notifications.boundary;

import java.util.List;

/**
 * Deliverability over the last {@code windowHours}: per email domain and per phone country,
 * alerting rows first; {@code alerts} is how many rows alert.
 */
public record DeliverabilityView(int windowHours, List<Row> email, List<Row> sms, int alerts) {

    /**
     * One email domain ({@code domain}) or phone country ({@code country}, ISO 3166, {@code ZZ}
     * unknown): {@code handed} over to the provider (sent or refused for good), {@code refused},
     * {@code delivered} and {@code undelivered} (as the provider reported later), {@code retrying}
     * (refused for now), the {@code failureRate} ((refused + undelivered) / handed, {@code n/a} when
     * nothing was handed over), whether it alerts and why.
     */
    public record Row(String domain, String country, long handed, long refused, long delivered, long undelivered,
            long retrying, String failureRate, boolean alert, String why) {
    }
}
