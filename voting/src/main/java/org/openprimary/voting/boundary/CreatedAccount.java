package org.openprimary.voting.boundary;

import java.util.List;

/**
 * A new console account and its first password, shown once: hand it to its owner in person.
 */
public record CreatedAccount(String username, List<String> roles, String password) {
}
