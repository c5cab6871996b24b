package org.openprimary.voting.boundary;

import java.util.List;

/** An organizer's request for a console account: a username and its roles (ORGANIZER, BAILIFF, TRUSTEE). */
public record NewAccount(String username, List<String> roles) {
}
