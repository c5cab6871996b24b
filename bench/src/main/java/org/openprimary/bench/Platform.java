package org.openprimary.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a platform running on this machine, for the crash and outage drills: Payara
 * Server's domain JVM (the process listening on the HTTP port, not the launcher) and the embedded
 * PostgreSQL's postmaster (the process listening on the database port). Everything is read from the
 * running processes themselves ({@code /proc}): the domain's environment and installation, so it is
 * started again exactly as the launcher started it; the postmaster's binary, data directory and
 * options, so {@code pg_ctl} stops and starts the same server on the same port.
 */
final class Platform {

    private final URI base;
    private final int httpPort;
    private final int dbPort;

    Platform(URI base, String dbUrl) {
        this.base = base;
        this.httpPort = base.getPort() > 0 ? base.getPort() : 80;
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("//[^:/]+:(\\d+)").matcher(dbUrl);
        this.dbPort = port.find() ? Integer.parseInt(port.group(1)) : 5432;
    }

    /** The process listening on a local TCP port. */
    static long listener(int port) throws IOException, InterruptedException {
        String out = run(Duration.ofSeconds(10), List.of("ss", "-ltnpH", "sport = :" + port)).output;
        java.util.regex.Matcher pid = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(out);
        if (!pid.find()) {
            throw new IOException("no process listens on port " + port + ": " + out);
        }
        return Long.parseLong(pid.group(1));
    }

    // ---------------------------------------------------------------- Payara Server

    /** What is needed to start the domain again: its environment and asadmin. */
    record Domain(long pid, Map<String, String> environment, Path asadmin) {
    }

    Domain domain() throws IOException, InterruptedException {
        long pid = listener(httpPort);
        Map<String, String> env = environment(pid);
        String installRoot = null;
        for (String arg : cmdline(pid)) {
            if (arg.startsWith("-Dcom.sun.aas.installRoot=")) {
                installRoot = arg.substring(arg.indexOf('=') + 1);
            }
        }
        if (installRoot == null) {
            throw new IOException("process " + pid + " on port " + httpPort + " is not Payara Server's domain");
        }
        Path asadmin = Path.of(installRoot).resolve("bin/asadmin");
        if (!Files.exists(asadmin)) {
            asadmin = Path.of(installRoot).getParent().resolve("bin/asadmin");
        }
        return new Domain(pid, env, asadmin);
    }

    /** kill -9 of the domain's JVM; returns once it is gone. */
    static void kill(Domain domain) throws Exception {
        ProcessHandle handle = ProcessHandle.of(domain.pid()).orElseThrow(() -> new IOException("no process " + domain.pid()));
        handle.destroyForcibly(); // SIGKILL on Linux
        handle.onExit().get(30, TimeUnit.SECONDS).pid();
    }

    /** {@code asadmin start-domain} with the environment the killed domain had; the seconds until ready. */
    double restart(Domain domain, Duration limit) throws Exception {
        long start = System.nanoTime();
        List<String> command = List.of("bash", domain.asadmin().toString(), "--interactive=false", "start-domain", "domain1");
        Result started = run(Duration.ofMinutes(4), command, domain.environment());
        if (started.status != 0) {
            throw new IOException("start-domain failed: " + started.output);
        }
        waitReady(limit);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits until {@code /health/ready} answers 200. */
    void waitReady(Duration limit) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                // Payara's health endpoint answers UP before the application registered its checks:
                // ready means the application's own checks are in it, and its API answers
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> api = ready.statusCode() == 200 && ready.body().contains("voting")
                        ? http.send(HttpRequest.newBuilder(base.resolve("api/elections")).timeout(Duration.ofSeconds(5))
                                .build(), HttpResponse.BodyHandlers.ofString())
                        : ready;
                if (ready.statusCode() == 200 && api != ready && api.statusCode() == 200) {
                    return;
                }
                last = ready.statusCode() + " " + ready.body() + (api == ready ? "" : "; api/elections " + api.statusCode());
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("the platform was not ready after " + limit.toSeconds() + " s: " + last);
    }

    // ---------------------------------------------------------------- PostgreSQL

    /** The running postmaster: its process, binary and arguments (data directory and port among them). */
    record Postgres(long pid, Path binary, List<String> arguments, Map<String, String> environment, Path dataDirectory) {
    }

    Postgres postgres() throws IOException, InterruptedException {
        long pid = listener(dbPort);
        Path binary = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"));
        List<String> args = cmdline(pid);
        Path data = null;
        for (int i = 1; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-D")) {
                data = Path.of(args.get(i + 1));
            }
        }
        if (data == null) {
            throw new IOException("the postmaster " + pid + " was not started with -D: " + args);
        }
        return new Postgres(pid, binary, args.subList(1, args.size()), environment(pid), data);
    }

    /**
     * {@code pg_ctl stop -m fast}: every session is ended (their transactions rolled back) and the
     * server stops cleanly. Run as zonky runs it: under {@code unshare -U} when that is available,
     * since {@code pg_ctl} and {@code postgres} refuse to run as root.
     */
    static void stop(Postgres pg) throws Exception {
        Result stopped = run(Duration.ofMinutes(1), pgCtl(pg, "-D", pg.dataDirectory().toString(), "-m", "fast", "-w",
                "-t", "50", "stop"), pg.environment());
        if (stopped.status != 0) {
            throw new IOException("pg_ctl stop failed: " + stopped.output);
        }
        ProcessHandle handle = ProcessHandle.of(pg.pid()).orElse(null);
        if (handle != null) {
            handle.onExit().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code pg_ctl start} of the same server again: same data directory, port and options (those
     * the launcher's zonky gave it); returns once it accepts connections. The launcher's shutdown
     * stops it through the data directory as before.
     */
    Postgres start(Postgres pg, String dbUrl, String user, String password) throws Exception {
        Path log = pg.dataDirectory().resolveSibling("drill-postgres.log");
        List<String> options = new ArrayList<>();
        for (int i = 0; i < pg.arguments().size(); i++) {
            if (pg.arguments().get(i).equals("-D")) {
                i++;
            } else {
                options.add(pg.arguments().get(i));
            }
        }
        Result started = run(Duration.ofMinutes(1), pgCtl(pg, "-D", pg.dataDirectory().toString(), "-o",
                shellJoin(options), "-l", log.toString(), "-w", "-t", "50", "start"), pg.environment());
        if (started.status != 0) {
            throw new IOException("pg_ctl start failed: " + started.output + " (log: " + log + ")");
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(dbUrl, user, password)) {
                return postgres();
            } catch (java.sql.SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("PostgreSQL did not accept connections within 60 s (log: " + log + ")", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<String> pgCtl(Postgres pg, String... args) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pg.binary().resolveSibling("pg_ctl").toString());
        command.addAll(List.of(args));
        return command;
    }

    private static String shellJoin(List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            out.append(out.length() == 0 ? "" : " ").append('\'').append(arg.replace("'", "'\\''")).append('\'');
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> cmdline(long pid) throws IOException {
        String raw = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8);
        return List.of(raw.split("\0"));
    }

    private static Map<String, String> environment(long pid) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        String raw = Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8);
        for (String entry : raw.split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    private record Result(int status, String output) {
    }

    private static Result run(Duration limit, List<String> command) throws IOException, InterruptedException {
        return run(limit, command, null);
    }

    private static Result run(Duration limit, List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (env != null) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        Path out = Files.createTempFile("openprimary-drill-", ".out");
        try {
            builder.redirectOutput(out.toFile());
            Process process = builder.start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end in " + limit.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
