package org.openprimary.admin.security;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.openprimary.voting.boundary.AdminAccounts;

/**
 * Checks a console user's password against the admin accounts of the voting module; the roles
 * (organizer, bailiff, trustee) become the user's groups.
 */
@BasicAuthenticationMechanismDefinition(realmName = "OpenPrimary admin")
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    @EJB
    AdminAccounts accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return accounts.authenticate(login.getCaller(), login.getPasswordAsString())
                .map(roles -> new CredentialValidationResult(login.getCaller(), roles))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
