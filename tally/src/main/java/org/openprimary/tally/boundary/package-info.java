/**
 * The tally's facade for the platform: {@link org.openprimary.tally.boundary.ResultsService}
 * counts plain ballots or ranks counts, and hands back a {@link
 * org.openprimary.tally.boundary.ResultView} with its JSON, CSV and SVG exports. Input it cannot
 * accept is a {@link org.openprimary.tally.boundary.TallyRejectedException} (an application
 * exception: the caller's transaction rolls back, the exception arrives as is).
 *
 * <p>The only package of the module that may use the platform (jakarta); other modules call only
 * this one and never see the control or entity classes.
 */
package org.openprimary.tally.boundary;
