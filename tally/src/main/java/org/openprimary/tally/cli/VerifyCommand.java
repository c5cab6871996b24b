package org.openprimary.tally.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.openprimary.tally.control.RecordReport;
import org.openprimary.tally.control.RecordVerifier;

/**
 * {@code verify [--json] RECORD}: verifies a public record (docs/record.md) read from the file
 * RECORD, or standard input for {@code -}. Prints one line per check and a verdict, or with
 * {@code --json} the report as JSON. Exit 0 when every check passes, {@value #NOT_VERIFIED} when
 * any fails, 2 when the record cannot be read.
 */
final class VerifyCommand implements SubCommand {

    /** A record that was read and does not verify: distinct from bad input (2), so scripts can tell. */
    static final int NOT_VERIFIED = 3;

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String arguments() {
        return "[--json] RECORD";
    }

    @Override
    public String summary() {
        return "verify a public record (a file, or - for standard input)";
    }

    @Override
    public int run(List<String> arguments, Streams streams) throws IOException {
        boolean json = false;
        String record = null;
        for (String argument : arguments) {
            if (argument.equals("--json")) {
                json = true;
            } else if (argument.startsWith("-") && !argument.equals("-")) {
                throw new UsageException("verify: unknown option " + argument);
            } else if (record != null) {
                throw new UsageException("verify takes one RECORD, not " + arguments.stream()
                        .filter(a -> !a.equals("--json")).count());
            } else {
                record = argument;
            }
        }
        if (record == null) {
            throw new UsageException("verify: which RECORD? give a file, or - for standard input");
        }
        RecordReport report;
        try (InputStream in = InputFiles.open(record, streams.in())) {
            report = RecordVerifier.verify(in);
        }
        streams.out().print(json ? report.json() : report.text());
        return report.verified() ? TallyCommand.OK : NOT_VERIFIED;
    }
}
