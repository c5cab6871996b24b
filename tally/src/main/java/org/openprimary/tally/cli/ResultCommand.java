package org.openprimary.tally.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import org.openprimary.tally.control.Tally;
import org.openprimary.tally.entity.Result;

/**
 * A sub-command that reads a {@link TallyInput} from FILE (or standard input when there is none,
 * or it is {@code -}), ranks it, and prints one rendering of the result.
 */
final class ResultCommand implements SubCommand {

    private final String name;
    private final String summary;
    private final Function<TallyInput, Function<Result, String>> renderer;

    private ResultCommand(String name, String summary, Function<TallyInput, Function<Result, String>> renderer) {
        this.name = name;
        this.summary = summary;
        this.renderer = renderer;
    }

    /** A sub-command whose output depends only on the result. */
    static ResultCommand of(String name, String summary, Function<Result, String> render) {
        return new ResultCommand(name, summary, input -> render);
    }

    /** A sub-command whose output also uses the input (e.g. the chart's title). */
    static ResultCommand withInput(String name, String summary, Function<TallyInput, Function<Result, String>> render) {
        return new ResultCommand(name, summary, render);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String arguments() {
        return "[FILE]";
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public int run(List<String> arguments, Streams streams) throws IOException {
        if (arguments.size() > 1) {
            throw new UsageException(name + " takes at most one FILE, not " + arguments.size() + " arguments");
        }
        String file = arguments.isEmpty() ? "-" : arguments.get(0);
        if (file.startsWith("-") && !file.equals("-")) {
            throw new UsageException(name + ": unknown option " + file);
        }
        TallyInput input;
        try (InputStream in = InputFiles.open(file, streams.in())) {
            input = TallyInput.read(in);
        }
        Result result = Tally.rank(null, input.scale(), input.candidates(), input.profiles());
        streams.out().print(renderer.apply(input).apply(result));
        return TallyCommand.OK;
    }
}
