package org.openprimary.tally.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of {@code tally}. It reads and writes only through the given streams, returns
 * its exit code (0 done; {@code verify} returns 3 for a record that does not verify), and reports
 * bad input by throwing {@link org.openprimary.tally.entity.TallyException} (exit 2, one line
 * naming where and what) or {@link UsageException} (exit 2, the usage); anything else is a failure
 * (exit 1).
 */
interface SubCommand {

    /** The word that selects it, e.g. {@code rank}. */
    String name();

    /** Its arguments, e.g. {@code [FILE]}. */
    String arguments();

    /** What it does, in a few words, for the usage text. */
    String summary();

    /** Runs it and returns its exit code: 0 done, or a code of its own its summary documents. */
    int run(List<String> arguments, Streams streams) throws IOException;

    /** The command's standard streams. */
    record Streams(InputStream in, PrintStream out, PrintStream err) {
    }

    /** Wrong arguments: the message is printed with the usage, exit code 2. */
    final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
