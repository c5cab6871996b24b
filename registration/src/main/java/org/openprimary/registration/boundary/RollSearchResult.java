package org.openprimary.registration.boundary;

import java.util.List;

/**
 * What a roll search found: how the query was read ({@code HELP_CODE}, {@code PHONE}, {@code EMAIL},
 * {@code NAME} or {@code ID}), at most {@link RollSearch#MAX_RESULTS} registrants, and whether there were more
 * (then the query should be longer).
 */
public record RollSearchResult(String by, List<RollEntry> registrants, boolean more) {
}
