package org.openprimary.voting.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.voting.boundary.AdminAccounts;

/**
 * On a fresh install, creates the first organizer account from configuration
 * ({@code openprimary.admin.bootstrap-username}, {@code openprimary.admin.bootstrap-password}), so
 * someone can sign in and invite the others. Once any account exists it does nothing.
 */
@Singleton
@Startup
@DependsOn("VotingSchema")
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    @ConfigProperty(name = "openprimary.admin.bootstrap-username", defaultValue = "organizer")
    String username;

    @Inject
    @ConfigProperty(name = "openprimary.admin.bootstrap-password")
    Optional<String> password;

    @EJB
    AdminAccounts accounts;

    @PostConstruct
    void bootstrap() {
        if (password.isEmpty() || password.get().isBlank()) {
            LOG.info("No bootstrap admin password configured (openprimary.admin.bootstrap-password)");
            return;
        }
        if (accounts.bootstrap(username, password.get())) {
            LOG.info(() -> "Created the first organizer account '" + username + "'");
        }
    }
}
