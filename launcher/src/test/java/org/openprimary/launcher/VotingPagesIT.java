package org.openprimary.launcher;

import java.io.File;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The voting-day pages in Chromium ({@link VotingPagesJourney}) against the real EAR, which
 * Arquillian deploys to Payara Server as it does for {@link PlatformIT}: this is how CI runs them
 * ({@code mvn verify}; Failsafe picks up {@code *IT}, alphabetically after PlatformIT, on the same
 * Payara Server and PostgreSQL), at {@code http://localhost:8080/} where Arquillian's Payara Server
 * listens. The same tests run against a platform that is already running through
 * {@link VotingPagesOnRunningPlatform} (its javadoc has the command); only Failsafe runs this class,
 * and that one runs only when named with {@code -Dtest=}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them when
 * missing); other paths through {@code -Dopenprimary.chromium=} and {@code -Dopenprimary.chromedriver=}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VotingPagesIT extends VotingPagesJourney {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("openprimary.ear")));
    }

    @Override
    URI base() {
        return baseFrom("http://localhost:8080/");
    }
}
