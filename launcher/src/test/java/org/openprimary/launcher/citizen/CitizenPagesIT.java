package org.openprimary.launcher.citizen;

import java.io.File;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The citizens' pages in Chromium ({@link CitizenPagesJourney}) against the real EAR, which Arquillian
 * deploys to Payara Server as for PlatformIT and VotingPagesIT, at {@code http://localhost:8080/}.
 *
 * <p>In its own package on purpose: Failsafe runs the integration tests in the alphabetical order of
 * their class names, and Arquillian's Payara Server, once started, stays up on ports 8080 and 4848
 * until the last test class; {@code org.openprimary.launcher.citizen.CitizenPagesIT} sorts after
 * {@code org.openprimary.launcher.LauncherIT} (which starts its own server on the same ports), where
 * {@code org.openprimary.launcher.CitizenPagesIT} would sort before it.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; other paths through
 * {@code -Dopenprimary.chromium=} and {@code -Dopenprimary.chromedriver=}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CitizenPagesIT extends CitizenPagesJourney {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("openprimary.ear")));
    }

    @Override
    URI base() {
        return baseFrom("http://localhost:8080/");
    }
}
