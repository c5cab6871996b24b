package org.openprimary.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Payara Server's {@code asadmin} command line with a given environment. */
final class Asadmin {

    /** What a command printed and how it ended. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Path payaraHome;
    private final int adminPort;
    private final Map<String, String> environment;

    Asadmin(Path payaraHome, int adminPort, Map<String, String> environment) {
        this.payaraHome = payaraHome;
        this.adminPort = adminPort;
        this.environment = environment;
    }

    Result run(long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
        return run(false, timeoutSeconds, arguments);
    }

    /**
     * Like {@link #run(long, String...)}, but in a session of its own: a server started this way
     * does not receive the terminal's Ctrl-C, so the launcher's shutdown hook can undeploy and stop
     * it in order.
     */
    Result runDetached(long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
        return run(true, timeoutSeconds, arguments);
    }

    private Result run(boolean detached, long timeoutSeconds, String... arguments)
            throws IOException, InterruptedException {
        Path script = payaraHome.resolve("bin").resolve("asadmin");
        if (!Files.isRegularFile(script)) {
            throw new IOException("Payara Server is not at " + payaraHome + " (no bin/asadmin)");
        }
        List<String> command = new ArrayList<>();
        if (detached) {
            command.add("setsid");
        }
        command.addAll(List.of("bash", script.toString(),
                "--interactive=false", "--port", Integer.toString(adminPort)));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "asadmin " + String.join(" ", arguments) + " timed out");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
    }
}
