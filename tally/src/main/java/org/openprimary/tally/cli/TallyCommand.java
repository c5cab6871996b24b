package org.openprimary.tally.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openprimary.tally.control.MeritChartSvg;
import org.openprimary.tally.control.ResultCsv;
import org.openprimary.tally.control.ResultJson;
import org.openprimary.tally.control.Tally;
import org.openprimary.tally.entity.Result;
import org.openprimary.tally.entity.TallyException;

/**
 * {@code tally}: majority judgment for anyone, without the platform. Sub-commands read the same
 * JSON input from a file or standard input: {@code rank} prints the ranking as JSON, {@code csv} one
 * row per candidate, {@code chart} an SVG of the merit profiles. Exit codes: 0 done, 2 bad input or
 * usage (one line on standard error saying what and where), 1 an unexpected failure.
 */
public final class TallyCommand {

    /** One sub-command: from a ranked result to what it prints. */
    interface Output {
        String render(Result result);
    }

    static final Map<String, Output> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("rank", TallyCommand::rankJson);
        COMMANDS.put("csv", ResultCsv::write);
        COMMANDS.put("chart", result -> MeritChartSvg.write(result, "Majority judgment"));
    }

    static final String USAGE = "usage: tally (" + String.join("|", COMMANDS.keySet()) + ") [FILE]"
            + "  (reads {\"grades\": [...], \"candidates\": [...], \"tallies\": [[...], ...]} from FILE or standard input)";

    private TallyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs a sub-command; returns the exit code instead of exiting, so it can be tested in-process. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length == 0 || args.length > 2 || !COMMANDS.containsKey(args[0])) {
            err.println(args.length == 0 ? USAGE : "tally: unknown command or arguments; " + USAGE);
            return 2;
        }
        try (InputStream in = args.length == 2 ? new FileInputStream(args[1]) : stdin) {
            TallyInput input = TallyInput.read(in);
            Result result = Tally.rank(null, input.scale(), input.candidates(), input.profiles());
            out.print(COMMANDS.get(args[0]).render(result));
            out.flush();
            return 0;
        } catch (TallyException e) {
            err.println("tally: " + e.getMessage());
            return 2;
        } catch (FileNotFoundException e) {
            err.println("tally: cannot read " + args[1] + ": " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("tally: failed: " + e);
            return 1;
        }
    }

    /** The ranking as issue 3 specifies it: per candidate rank, majority grade, mention, shares. */
    static String rankJson(Result result) {
        ObjectNode tree = ResultJson.tree(result);
        tree.remove("grades");
        tree.withArray("candidates").forEach(candidate -> ((ObjectNode) candidate).remove("counts"));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
