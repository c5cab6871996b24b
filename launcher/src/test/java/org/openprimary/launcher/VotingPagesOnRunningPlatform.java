package org.openprimary.launcher;

import java.net.URI;

/**
 * The voting-day pages in Chromium ({@link VotingPagesJourney}) against a platform that is already
 * running, without Arquillian: for working on the pages. Its name matches neither Surefire's nor
 * Failsafe's patterns, so a build never runs it: it runs when named with {@code -Dtest=}, and then
 * needs {@code openprimary.base}. Start a platform whose organizer password is {@code it-organizer-password} and
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
class VotingPagesOnRunningPlatform extends VotingPagesJourney {

    @Override
    URI base() {
        String base = System.getProperty("openprimary.base");
        if (base == null || base.isBlank()) {
            throw new IllegalStateException("give the running platform's address: -Dopenprimary.base=http://localhost:28080/");
        }
        return baseFrom(base);
    }
}
