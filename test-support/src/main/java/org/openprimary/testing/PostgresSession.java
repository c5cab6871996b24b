package org.openprimary.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Starts one real PostgreSQL (zonky's embedded binaries) per test JVM and stops it when the
 * JUnit session ends. Tests and containers reach it through the same configuration keys the
 * application reads: the system properties {@code openprimary.db.url}, {@code .user},
 * {@code .password}.
 *
 * <p>The port comes from the system property {@code openprimary.test.pg.port} when the build
 * reserved one (so a container started by the test, which only inherits the environment, can
 * be told the same URL through {@code OPENPRIMARY_DB_URL}); otherwise a free port is picked.
 * When {@code openprimary.db.url} is already set, nothing is started.
 */
public final class PostgresSession implements LauncherSessionListener {

    public static final String URL = "openprimary.db.url";
    public static final String USER = "openprimary.db.user";
    public static final String PASSWORD = "openprimary.db.password";
    public static final String PORT = "openprimary.test.pg.port";

    private static volatile EmbeddedPostgres postgres;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(URL) != null || postgres != null) {
            return;
        }
        try {
            Path workDir = Files.createDirectories(Path.of("target", "embedded-pg"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir.toFile());
            String port = System.getProperty(PORT);
            if (port != null && !port.isBlank()) {
                builder.setPort(Integer.parseInt(port.trim()));
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
        }
        System.setProperty(URL, postgres.getJdbcUrl("postgres", "postgres"));
        System.setProperty(USER, "postgres");
        System.setProperty(PASSWORD, "postgres");
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        EmbeddedPostgres running = postgres;
        postgres = null;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
            }
        }
    }

    /** The test database (embedded or configured), for tests that talk to it without a container. */
    public static DataSource dataSource() {
        String url = System.getProperty(URL);
        if (url == null) {
            throw new IllegalStateException("No test database: " + URL + " is not set");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(System.getProperty(USER, "postgres"));
        dataSource.setPassword(System.getProperty(PASSWORD, ""));
        return dataSource;
    }
}
