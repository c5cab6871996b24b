/** The {@code tally} command: majority judgment from a JSON file, without the platform. */
package org.openprimary.tally.cli;
