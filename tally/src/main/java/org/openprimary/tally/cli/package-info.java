/**
 * The {@code tally} command: majority judgment for anyone, without the platform. {@link
 * org.openprimary.tally.cli.TallyCommand} dispatches to its {@link
 * org.openprimary.tally.cli.SubCommand sub-commands} ({@code rank}, {@code csv}, {@code chart},
 * {@code help}); a new one (such as {@code verify} for the public record) is one class and one
 * line in {@code TallyCommand.COMMANDS}. The logic takes its streams and returns an exit code, so
 * tests run it in-process.
 */
package org.openprimary.tally.cli;
