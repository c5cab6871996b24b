package org.openprimary.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The database's floor: PostgreSQL's own benchmark, {@code pgbench}, on the platform's PostgreSQL
 * (the same server, in the same run), each transaction one INSERT and its commit, from as many
 * clients as the cast ran with. The cast's throughput is then reported as a ratio to this raw
 * commit rate. pgbench comes from Debian's {@code postgresql-client-NN} (the embedded PostgreSQL's
 * zonky binaries have none); it runs in a database of its own ({@code bench_floor}, made and
 * dropped here), so the platform's schemas are untouched.
 */
final class Floor {

    static final String DATABASE = "bench_floor";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern DONE = Pattern.compile("number of transactions actually processed: ([0-9]+)");

    private Floor() {
    }

    /** pgbench on PATH, or in Debian's versioned directories; empty when it is not installed. */
    static Optional<String> pgbench() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "pgbench"))) {
                return Optional.of(Path.of(dir, "pgbench").toString());
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable)
                    .map(Path::toString).sorted().reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs pgbench for {@code seconds} with {@code clients} clients; its figures as one JSON object,
     * or an object with {@code "skipped"} and the reason when pgbench is not installed.
     */
    static String run(String jdbcUrl, String user, String password, int clients, int seconds) throws Exception {
        Optional<String> pgbench = pgbench();
        if (pgbench.isEmpty()) {
            return "{\"benchmark\": \"postgres.floor\", \"skipped\": \"pgbench is not installed"
                    + " (Debian: apt-get install postgresql-client-15)\"}";
        }
        URI db = URI.create(jdbcUrl.substring("jdbc:".length()));
        String settings;
        try (Connection admin = DriverManager.getConnection(jdbcUrl, user, password)) {
            settings = CastLoad.postgresSettings(admin);
            recreate(admin);
        }
        String floorUrl = "jdbc:postgresql://" + db.getHost() + ":" + db.getPort() + "/" + DATABASE;
        try (Connection floor = DriverManager.getConnection(floorUrl, user, password);
                Statement statement = floor.createStatement()) {
            statement.execute("CREATE TABLE floor_insert (id bigserial PRIMARY KEY, v integer NOT NULL,"
                    + " at timestamptz NOT NULL DEFAULT now())");
        }
        Path script = Files.createTempFile("bench-floor", ".sql");
        try {
            Files.writeString(script, "\\set v random(1, 1000000)\nINSERT INTO floor_insert (v) VALUES (:v);\n",
                    StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(pgbench.get(), "-n", "-M", "prepared",
                    "-h", db.getHost(), "-p", Integer.toString(db.getPort() < 0 ? 5432 : db.getPort()), "-U", user,
                    "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients,
                            Runtime.getRuntime().availableProcessors())),
                    "-T", Integer.toString(seconds), "-f", script.toString(), DATABASE));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", password);
            Machine.Reading cpuBefore = Machine.read();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("pgbench did not end within " + (seconds + 60) + " s");
            }
            String cpu = Machine.cpuJson(cpuBefore);
            Matcher tps = TPS.matcher(output);
            if (process.exitValue() != 0 || !tps.find()) {
                throw new IOException("pgbench failed (exit " + process.exitValue() + "): " + output.strip());
            }
            Matcher latency = LATENCY.matcher(output);
            Matcher done = DONE.matcher(output);
            return String.format(Locale.ROOT, "{\"benchmark\": \"postgres.floor\", \"via\": \"%s\", \"transaction\":"
                    + " \"one INSERT (bigserial key, 3 columns) and its commit\", \"clients\": %d, \"seconds\": %d,"
                    + " \"transactions\": %s, \"tps\": %s, \"latencyAverageMillis\": %s, \"cpu\": %s, \"postgres\": %s}",
                    version(pgbench.get()), clients, seconds, done.find() ? done.group(1) : "null", tps.group(1),
                    latency.find() ? latency.group(1) : "null", cpu, settings);
        } finally {
            Files.deleteIfExists(script);
            try (Connection admin = DriverManager.getConnection(jdbcUrl, user, password);
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            } catch (SQLException e) {
                // left behind: the next run drops it first
            }
        }
    }

    private static void recreate(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static String version(String pgbench) {
        try {
            Process process = new ProcessBuilder(pgbench, "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(10, TimeUnit.SECONDS);
            return output.replace("\"", "'");
        } catch (IOException | InterruptedException e) {
            return "pgbench";
        }
    }
}
