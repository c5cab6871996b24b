/**
 * The {@code tally} command: majority judgment and the public record's verification for anyone,
 * without the platform. {@link org.openprimary.tally.cli.TallyCommand} dispatches to its {@link
 * org.openprimary.tally.cli.SubCommand sub-commands} ({@code rank}, {@code csv}, {@code chart},
 * {@code verify}, {@code help}); a new one is one class and one line in {@code
 * TallyCommand.COMMANDS}. Each sub-command takes its streams and returns its exit code ({@code
 * verify}: 3 when a check fails), so tests run it in-process.
 */
package org.openprimary.tally.cli;
