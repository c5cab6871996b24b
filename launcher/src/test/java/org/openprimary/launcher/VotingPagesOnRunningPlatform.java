package org.openprimary.launcher;

import java.net.URI;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The voting-day pages in Chromium ({@link VotingPagesJourney}) against a platform that is already
 * running, without Arquillian: for working on the pages. Its name matches neither Surefire's nor
 * Failsafe's patterns, and it runs only when {@code openprimary.base} is set, so a build never runs
 * it by accident. Start a platform whose organizer password is {@code it-organizer-password} and
 * whose voting clock ticks every second, e.g.
 *
 * <pre>
 * OPENPRIMARY_HTTP_PORT=28080 OPENPRIMARY_ADMIN_PORT=24848 OPENPRIMARY_EMBEDDED_DB_PORT=55442 \
 * OPENPRIMARY_VOTING_TICK_SECONDS=1 OPENPRIMARY_BOX_CHECKPOINT_SECONDS=2 \
 * OPENPRIMARY_ADMIN_BOOTSTRAP_PASSWORD=it-organizer-password mvn -Prun package
 * </pre>
 *
 * then, in another terminal (the database URL only keeps the test run from starting its own
 * PostgreSQL, which these tests do not use):
 *
 * <pre>
 * mvn -o -pl launcher test -Dtest=VotingPagesOnRunningPlatform -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dopenprimary.base=http://localhost:28080/ -Dopenprimary.db.url=unused
 * </pre>
 *
 * Screenshots land in {@code launcher/target/voting-pages/}. The voting window lasts
 * {@code -Dopenprimary.pages.voting.seconds} (default 100).
 */
@EnabledIfSystemProperty(named = "openprimary.base", matches = ".+")
class VotingPagesOnRunningPlatform extends VotingPagesJourney {

    @Override
    URI base() {
        return baseFrom(System.getProperty("openprimary.base"));
    }
}
