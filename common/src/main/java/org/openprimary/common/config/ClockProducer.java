package org.openprimary.common.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/**
 * The one clock of the application: domain code asks it the time, so tests can fix it. It ticks
 * in microseconds, the precision PostgreSQL keeps, so a time read back equals the time written.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    @Produces
    Clock clock() {
        return CLOCK;
    }
}
