package org.openprimary.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command run: starts a real PostgreSQL (zonky's embedded binaries, data kept in
 * {@code .openprimary/postgres}) unless {@code OPENPRIMARY_DB_URL} names one, starts Payara
 * Server, deploys the EAR, seeds a demo election, prints where to go, and on Ctrl-C stops Payara
 * and PostgreSQL.
 *
 * <p>With {@code OPENPRIMARY_INSTANCES} = 1 to 3 ({@code scripts/cluster.sh}) it runs a cluster on
 * this machine instead: one PostgreSQL, that many Payara Server domains ({@code cluster1..N}, each
 * on its own port base: {@link ClusterPorts}) with the EAR deployed to each, and nginx on loopback
 * balancing them ({@link Balancer}); data in {@code .openprimary/cluster/}.
 */
public final class Launcher {

    private static final String APP = "openprimary";

    private final Map<String, String> env;
    private final Path home;
    private final Path dataDir;
    private final Path payaraHome;
    private final Path ear;
    private final int httpPort;
    private final int adminPort;

    private final int instances;
    /** OPENPRIMARY_INSTANCES given (scripts/cluster.sh): domains cluster1..N behind nginx, even for N = 1. */
    private final boolean clustered;

    private volatile EmbeddedPostgres postgres;
    private volatile Asadmin asadmin;
    private volatile boolean domainStarted;
    private final List<Asadmin> clusterDomains = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Balancer balancer;

    Launcher(Map<String, String> env, Path home, Path payaraHome, Path ear) {
        this.env = env;
        this.home = home;
        this.instances = instances(env.get("OPENPRIMARY_INSTANCES"));
        this.clustered = env.get("OPENPRIMARY_INSTANCES") != null && !env.get("OPENPRIMARY_INSTANCES").isBlank();
        this.dataDir = clustered ? home.resolve(".openprimary").resolve("cluster") : home.resolve(".openprimary");
        this.payaraHome = payaraHome;
        this.ear = ear;
        this.httpPort = port("OPENPRIMARY_HTTP_PORT", clustered ? ClusterPorts.BALANCER : 8080);
        this.adminPort = port("OPENPRIMARY_ADMIN_PORT", 4848);
    }

    private static int instances(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= ClusterPorts.MAX_INSTANCES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("OPENPRIMARY_INSTANCES must be 1 to " + ClusterPorts.MAX_INSTANCES + ", not '" + value + "'");
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("openprimary.home", ".")).toAbsolutePath().normalize();
        Path payaraHome = Path.of(required("openprimary.payara.home"));
        Path ear = Path.of(required("openprimary.ear"));
        Launcher launcher = new Launcher(System.getenv(), home, payaraHome, ear);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "openprimary-stop"));
        try {
            launcher.start();
        } catch (Exception e) {
            System.err.println();
            System.err.println("OpenPrimary did not start: " + e.getMessage());
            System.exit(1);
        }
        new CountDownLatch(1).await();
    }

    void start() throws IOException, InterruptedException {
        Instant begin = Instant.now();
        Files.createDirectories(dataDir);
        Map<String, String> appEnv = new HashMap<>();
        String dbDescription = database(appEnv);
        // The application's other settings (providers, limits, keys) as given to the launcher: the
        // shell's environment, or a test's.
        env.forEach((name, value) -> {
            if (name.startsWith("OPENPRIMARY_")) {
                appEnv.putIfAbsent(name, value);
            }
        });
        appEnv.putIfAbsent("OPENPRIMARY_MODE", env.getOrDefault("OPENPRIMARY_MODE", "demo"));
        appEnv.put("OPENPRIMARY_PUBLIC_URL", env.getOrDefault("OPENPRIMARY_PUBLIC_URL", "http://localhost:" + httpPort));
        String adminUser = env.getOrDefault("OPENPRIMARY_ADMIN_BOOTSTRAP_USERNAME", "organizer");
        String adminPassword = env.getOrDefault("OPENPRIMARY_ADMIN_BOOTSTRAP_PASSWORD", demoPassword());
        appEnv.put("OPENPRIMARY_ADMIN_BOOTSTRAP_USERNAME", adminUser);
        appEnv.put("OPENPRIMARY_ADMIN_BOOTSTRAP_PASSWORD", adminPassword);

        if (clustered) {
            startCluster(appEnv);
        } else {
            log("Starting Payara Server (" + payaraHome + ") on port " + httpPort);
            DomainPorts.set(payaraHome.resolve("glassfish/domains/domain1/config/domain.xml"), httpPort, adminPort);
            asadmin = new Asadmin(payaraHome, adminPort, appEnv);
            asadmin.run(60, "stop-domain", "domain1"); // a domain left running by a killed run
            check(asadmin.runDetached(180, "start-domain", "domain1"), "start Payara Server");
            domainStarted = true;

            if (asadmin.run(60, "list-applications").output().contains(APP)) {
                // Left deployed by a run that was killed. Redeploying over an application the domain
                // reloaded at start-up leaves EclipseLink with stale entity classes ("Unknown entity
                // bean class"), so undeploy it and restart the domain first.
                log("Removing the application a previous run left deployed");
                check(asadmin.run(120, "undeploy", APP), "undeploy the previous application");
                check(asadmin.runDetached(180, "restart-domain", "domain1"), "restart Payara Server");
            }
            log("Deploying " + ear.getFileName());
            Asadmin.Result deployed = asadmin.run(300, "deploy", "--name", APP, ear.toString());
            if (!deployed.ok()) {
                throw new IOException("the deployment failed:\n" + deployed.output()
                        + "\n(see " + payaraHome.resolve("glassfish/domains/domain1/logs/server.log") + ")");
            }
        }
        URI base = URI.create("http://localhost:" + httpPort + "/");
        waitUntilReady(base.resolve("health/ready"), Duration.ofSeconds(120));

        String seeded = new DemoSeed(base, adminUser, adminPassword).seedIfEmpty(dataDir.resolve("demo-accounts"));
        if (seeded != null) {
            log("Seeded the demo election " + seeded);
        }
        long seconds = Duration.between(begin, Instant.now()).toSeconds();
        System.out.println(String.join(System.lineSeparator(), List.of(
                "",
                "OpenPrimary is running (" + appEnv.get("OPENPRIMARY_MODE") + " mode, ready in " + seconds + " s).",
                "  Citizens' site   " + base,
                "  Public API       " + base + "api/elections",
                "  Admin API        " + base + "admin/api/elections",
                "  Admin sign-in    user '" + adminUser + "', password '" + adminPassword + "'",
                "  Other accounts   bailiff, trustee-1..3: passwords in " + dataDir.resolve("demo-accounts"),
                "  Health, metrics  " + base + "health/ready  " + base + "metrics  " + base + "openapi",
                "  Database         " + dbDescription,
                clustered ? "  Instances        " + ClusterPorts.describe(instances)
                        + "; the balancer is nginx on 127.0.0.1:" + httpPort : "  Instances        one Payara Server",
                "Press Ctrl-C to stop.",
                "")));
    }

    /**
     * The cluster: domains cluster1..N of this Payara Server, each created once with its own port
     * base, started and given the EAR one after the other (the first migrates the schemas), then
     * nginx in front of them. Every instance trusts the balancer's {@code X-Forwarded-For}.
     */
    private void startCluster(Map<String, String> appEnv) throws IOException, InterruptedException {
        appEnv.put("OPENPRIMARY_HTTP_TRUST_FORWARDED_FOR", "true");
        for (int i = 1; i <= instances; i++) {
            String domain = ClusterPorts.domain(i);
            Path domainDir = payaraHome.resolve("glassfish/domains").resolve(domain);
            Asadmin admin = new Asadmin(payaraHome, ClusterPorts.admin(i), appEnv);
            if (!Files.isDirectory(domainDir)) {
                log("Creating the Payara Server domain " + domain + " (port base " + ClusterPorts.base(i) + ")");
                check(admin.run(180, "create-domain", "--nopassword=true", "--portbase",
                        Integer.toString(ClusterPorts.base(i)), domain), "create the domain " + domain);
            }
            DomainPorts.set(domainDir.resolve("config/domain.xml"), ClusterPorts.http(i), ClusterPorts.admin(i));
            admin.run(60, "stop-domain", domain); // left running by a killed run
            log("Starting instance " + i + " (" + domain + ", http://127.0.0.1:" + ClusterPorts.http(i) + "/)");
            check(admin.runDetached(240, "start-domain", domain), "start " + domain);
            clusterDomains.add(admin);
            if (admin.run(60, "list-applications").output().contains(APP)) {
                check(admin.run(120, "undeploy", APP), "undeploy the previous application from " + domain);
                check(admin.runDetached(240, "restart-domain", domain), "restart " + domain);
            }
            log("Deploying " + ear.getFileName() + " to " + domain);
            Asadmin.Result deployed = admin.run(400, "deploy", "--name", APP, ear.toString());
            if (!deployed.ok()) {
                throw new IOException("the deployment to " + domain + " failed:\n" + deployed.output()
                        + "\n(see " + domainDir.resolve("logs/server.log") + ")");
            }
            waitUntilReady(URI.create("http://127.0.0.1:" + ClusterPorts.http(i) + "/health/ready"), Duration.ofSeconds(120));
        }
        log("Starting nginx on 127.0.0.1:" + httpPort + " in front of " + instances + " instances");
        balancer = Balancer.start(dataDir.resolve("nginx"), httpPort, instances);
    }

    /** Uses the configured database, or starts the embedded one; fills in the app's DB settings. */
    private String database(Map<String, String> appEnv) throws IOException {
        String url = env.get("OPENPRIMARY_DB_URL");
        if (url != null && !url.isBlank()) {
            appEnv.put("OPENPRIMARY_DB_URL", url);
            appEnv.put("OPENPRIMARY_DB_USER", env.getOrDefault("OPENPRIMARY_DB_USER", ""));
            appEnv.put("OPENPRIMARY_DB_PASSWORD", env.getOrDefault("OPENPRIMARY_DB_PASSWORD", ""));
            return url + " (configured; no embedded database started)";
        }
        int port = port("OPENPRIMARY_EMBEDDED_DB_PORT", clustered ? ClusterPorts.DATABASE : 54329);
        Path pgData = dataDir.resolve("postgres");
        log("Starting the embedded PostgreSQL on port " + port + " (data in " + home.relativize(pgData) + ")");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDir.resolve("pg-binaries").toFile())
                .setPort(port);
        Map<String, String> durability = embeddedDurability(env);
        durability.forEach(builder::setServerConfig);
        if (!durability.isEmpty()) {
            log("The embedded PostgreSQL flushes every commit to disk (OPENPRIMARY_EMBEDDED_DB_DURABLE)");
        }
        postgres = builder.start();
        appEnv.put("OPENPRIMARY_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
        appEnv.put("OPENPRIMARY_DB_USER", "postgres");
        appEnv.put("OPENPRIMARY_DB_PASSWORD", "postgres");
        return "embedded PostgreSQL, " + postgres.getJdbcUrl("postgres", "postgres")
                + ", data in " + home.relativize(pgData);
    }

    /**
     * The embedded PostgreSQL's settings for durable commits when {@code OPENPRIMARY_EMBEDDED_DB_DURABLE}
     * is {@code true}: zonky's defaults turn {@code fsync} and {@code synchronous_commit} off, fast for a
     * demo and the tests but not what a production database does, so the benchmarks ask for these.
     */
    static Map<String, String> embeddedDurability(Map<String, String> env) {
        String durable = env.getOrDefault("OPENPRIMARY_EMBEDDED_DB_DURABLE", "false").strip();
        if (!durable.equals("true") && !durable.equals("false")) {
            throw new IllegalArgumentException("OPENPRIMARY_EMBEDDED_DB_DURABLE is true or false, not " + durable);
        }
        return durable.equals("true")
                ? Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")
                : Map.of();
    }

    /** The demo organizer's password: made once at random, kept in .openprimary/ (owner-only). */
    private String demoPassword() throws IOException {
        Path file = dataDir.resolve("demo-admin-password");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, password, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return password;
    }

    private void waitUntilReady(URI ready, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IOException("the platform was not ready after " + timeout.toSeconds() + " s: " + last);
    }

    /** Stops nginx, Payara Server (every domain) and the embedded PostgreSQL; safe to call twice. */
    void stop() {
        Balancer lb = balancer;
        balancer = null;
        if (lb != null) {
            log("Stopping nginx");
            lb.stop();
        }
        for (int i = clusterDomains.size(); i >= 1; i--) {
            Asadmin admin = clusterDomains.remove(i - 1);
            log("Stopping instance " + i);
            try {
                admin.run(120, "undeploy", APP);
                admin.run(60, "stop-domain", ClusterPorts.domain(i));
            } catch (IOException e) {
                System.err.println("Could not stop " + ClusterPorts.domain(i) + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Asadmin admin = asadmin;
        if (admin != null && domainStarted) {
            domainStarted = false;
            log("Stopping Payara Server");
            try {
                admin.run(120, "undeploy", APP); // the next start begins with a clean domain
                admin.run(60, "stop-domain", "domain1");
            } catch (IOException e) {
                System.err.println("Could not stop Payara Server: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        EmbeddedPostgres pg = postgres;
        postgres = null;
        if (pg != null) {
            log("Stopping PostgreSQL");
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("Could not stop PostgreSQL: " + e.getMessage());
            }
        }
    }

    private int port(String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number (1-65535), not '" + value + "'");
        }
    }

    private static void check(Asadmin.Result result, String what) throws IOException {
        if (!result.ok()) {
            throw new IOException("could not " + what + ":\n" + result.output());
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("the system property " + property + " is required (run through Maven: see README)");
        }
        return value;
    }

    private static void log(String message) {
        System.out.println("[openprimary] " + message);
    }
}
