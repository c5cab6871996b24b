package org.openprimary.voting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A candidate on an election's ballot, identified by its position in the ballot order. */
@Embeddable
public class Candidate {

    public static final int MAX_NAME_LENGTH = 200;

    public static final int MAX_PARTY_LENGTH = 200;
    public static final int MAX_PHOTO_URL_LENGTH = 500;
    public static final int MAX_STATEMENT_LENGTH = 2000;

    @Column(name = "name", nullable = false, length = MAX_NAME_LENGTH)
    private String name;

    @Column(name = "party", length = MAX_PARTY_LENGTH)
    private String party;

    @Column(name = "photo_url", length = MAX_PHOTO_URL_LENGTH)
    private String photoUrl;

    @Column(name = "statement", length = MAX_STATEMENT_LENGTH)
    private String statement;

    protected Candidate() {
        // for JPA
    }

    Candidate(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public java.util.Optional<String> party() {
        return java.util.Optional.ofNullable(party);
    }

    public java.util.Optional<String> photoUrl() {
        return java.util.Optional.ofNullable(photoUrl);
    }

    public java.util.Optional<String> statement() {
        return java.util.Optional.ofNullable(statement);
    }

    /**
     * What citizens read about the candidate: party or support, a photo (an https address), a short
     * statement. Blank values clear the item. {@code field} prefixes the names of refused fields.
     */
    void describe(String party, String photoUrl, String statement, String field) {
        this.party = checked(party, MAX_PARTY_LENGTH, field + ".party");
        this.statement = checked(statement, MAX_STATEMENT_LENGTH, field + ".statement");
        String url = checked(photoUrl, MAX_PHOTO_URL_LENGTH, field + ".photoUrl");
        if (url != null) {
            try {
                java.net.URI uri = new java.net.URI(url);
                if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    throw new org.openprimary.common.InvalidInputException(field + ".photoUrl",
                            "a photo is an https address, e.g. https://primaire.example/photos/alice.jpg");
                }
            } catch (java.net.URISyntaxException e) {
                throw new org.openprimary.common.InvalidInputException(field + ".photoUrl", "'" + url + "' is not an address");
            }
        }
        this.photoUrl = url;
    }

    private static String checked(String value, int max, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new org.openprimary.common.InvalidInputException(field, "at most " + max + " characters, not "
                    + stripped.length());
        }
        return stripped;
    }
}
