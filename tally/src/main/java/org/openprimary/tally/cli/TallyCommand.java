package org.openprimary.tally.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openprimary.tally.control.MeritChartSvg;
import org.openprimary.tally.control.ResultCsv;
import org.openprimary.tally.control.ResultJson;
import org.openprimary.tally.entity.TallyException;

/**
 * {@code java -jar openprimary-tally-cli.jar COMMAND [ARGUMENTS]}: majority judgment for anyone,
 * without the platform.
 *
 * <p>Exit codes: 0 done (for {@code verify}: every check passed); 3 {@code verify}: the record was
 * read and a check failed; 2 bad input or usage, with one line on standard error saying where and
 * what ({@code tally: tallies[2][3]: negative count -1}); 1 an unexpected failure (including
 * failing to write the output).
 */
public final class TallyCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    /** The sub-commands, in the order the usage lists them. Add one here. */
    static final Map<String, SubCommand> COMMANDS = registry(
            ResultCommand.of("rank", "print the ranking as JSON", ResultJson::writeRanking),
            ResultCommand.of("csv", "print one CSV row per candidate, in rank order", ResultCsv::write),
            ResultCommand.withInput("chart", "print an SVG chart of the merit profiles",
                    input -> result -> MeritChartSvg.write(result, input.title())),
            new VerifyCommand(),
            new VerifyMinutesCommand(),
            new HelpCommand());

    private TallyCommand() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out, err));
    }

    /** Runs the command; returns the exit code instead of exiting, so tests run it in-process. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("tally: no command given");
            err.print(usage());
            return BAD_INPUT;
        }
        String name = args[0].equals("-h") || args[0].equals("--help") ? "help" : args[0];
        SubCommand command = COMMANDS.get(name);
        if (command == null) {
            err.println("tally: unknown command '" + args[0] + "'");
            err.print(usage());
            return BAD_INPUT;
        }
        try {
            int exit = command.run(List.of(Arrays.copyOfRange(args, 1, args.length)),
                    new SubCommand.Streams(stdin, out, err));
            out.flush();
            if (out.checkError()) {
                err.println("tally: failed to write the output");
                return FAILED;
            }
            return exit;
        } catch (TallyException e) {
            err.println("tally: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        } catch (SubCommand.UsageException e) {
            err.println("tally: " + oneLine(e.getMessage()));
            err.print(usage());
            return BAD_INPUT;
        } catch (IOException | RuntimeException e) {
            err.println("tally: failed: " + oneLine(String.valueOf(e)));
            return FAILED;
        }
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("usage: java -jar openprimary-tally-cli.jar COMMAND [ARGUMENTS]\n");
        for (SubCommand command : COMMANDS.values()) {
            usage.append(String.format("  %-23s %s%n", command.name() + " " + command.arguments(), command.summary()));
        }
        usage.append("Input of rank, csv, chart (FILE, or standard input when FILE is absent or -): {\"grades\": [names\n"
                + "worst first] or a number of grades, \"candidates\": [names] (optional), \"tallies\": [[counts worst\n"
                + "grade first], ...]}. Input of verify: a public record, format openprimary-record/1 (docs/record.md);\n"
                + "--json prints the report as JSON. Input of verify-minutes: an official record's PDF, its .sig\n"
                + "(base64; default MINUTES.sig) and the platform's public key, base64 or a file (docs/minutes.md).\n"
                + "Exit codes: 0 done (verify: every check passed), 3 verify: a check failed (verify-minutes: the\n"
                + "signature is not valid), 2 bad input or usage,\n"
                + "1 failure.\n");
        return usage.toString();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static Map<String, SubCommand> registry(SubCommand... commands) {
        Map<String, SubCommand> registry = new LinkedHashMap<>();
        for (SubCommand command : commands) {
            if (registry.put(command.name(), command) != null) {
                throw new IllegalStateException("two sub-commands are named " + command.name());
            }
        }
        return java.util.Collections.unmodifiableMap(registry);
    }

    /** {@code help}: the usage on standard output. */
    private static final class HelpCommand implements SubCommand {

        @Override
        public String name() {
            return "help";
        }

        @Override
        public String arguments() {
            return "";
        }

        @Override
        public String summary() {
            return "print this help";
        }

        @Override
        public int run(List<String> arguments, Streams streams) {
            streams.out().print(usage());
            return OK;
        }
    }
}
