/** The tally's facade for the platform: counts and results, and their exports. */
package org.openprimary.tally.boundary;
