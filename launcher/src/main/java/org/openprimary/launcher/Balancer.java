package org.openprimary.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * nginx (Debian's package) on loopback in front of the cluster's instances, started as a child
 * process in the foreground ({@code daemon off}) and stopped with it.
 *
 * <p>What goes where, and what is retried on another instance (docs/deployment.md):
 * <ul>
 * <li>citizens' pages and the public API are spread over every instance (least connections).
 * A request that could not be sent, or whose instance failed before answering, goes to the next
 * instance: always for reads; for a POST only when nginx had not sent it yet ({@code error}),
 * except the cast and the code request, which are retried even after they were sent
 * ({@code non_idempotent}): a cast that went through on the dead instance has set the voter's
 * "has voted" mark in the same transaction, so the retry is refused as a second ballot and
 * nothing counts twice; a code request retried sends one more code, within the voter's limit.
 * A 503 (the database is away) is not retried elsewhere: every instance shares that database.
 * <li>the console ({@code /admin}) is spread over every instance alike: its sessions are rows of
 * the database ({@code voting.console_session}), so any instance reads the cookie of another's.
 * <li>except the trustees' ceremony, {@link #CEREMONY}: a gathering of shares ({@code KeyCeremonies})
 * and a count's progress ({@code CountProgress}) live in one instance's memory by design (shares are
 * never written anywhere), so the shares brought, the gathering's progress, the count's progress and
 * the key's reissue (which forgets a gathering) go to instance 1, the others taking over only when
 * it is down.
 * </ul>
 */
final class Balancer {

    /**
     * The console paths that must reach the instance holding the trustees' gathering and the count:
     * {@code TrusteeResource}'s {@code shares} (bring one, see the gathering),
     * {@code ElectionsAdminResource}'s {@code count} and {@code BailiffResource}'s {@code key/reissue}.
     */
    static final String CEREMONY = "^/admin/api/(trustee/elections/[^/]+/shares|elections/[^/]+/count"
            + "|bailiff/elections/[^/]+/key/reissue)/?$";

    private final Process nginx;
    private final Path prefix;

    private Balancer(Process nginx, Path prefix) {
        this.nginx = nginx;
        this.prefix = prefix;
    }

    static Balancer start(Path prefix, int port, int instances) throws IOException, InterruptedException {
        return start(prefix, port, configuration(prefix, port, instances));
    }

    /** Starts nginx with {@code configuration} (listening on {@code port}), once it accepts connections. */
    static Balancer start(Path prefix, int port, String configuration) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(binary)) {
            throw new IOException("nginx is not installed (Debian: apt-get install nginx)");
        }
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, configuration, StandardCharsets.UTF_8);
        Path log = prefix.resolve("logs/nginx.out");
        Process process = new ProcessBuilder(binary.toString(), "-p", prefix.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("nginx did not start: " + Files.readString(log, StandardCharsets.UTF_8).strip()
                        + " (" + prefix.resolve("logs/error.log") + ")");
            }
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return new Balancer(process, prefix);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    static String configuration(Path prefix, int port, int instances) {
        return configuration(prefix, port, java.util.stream.IntStream.rangeClosed(1, instances)
                .map(ClusterPorts::http).boxed().toList());
    }

    /** The configuration for instances listening on {@code instancePorts} (the first holds the ceremony). */
    static String configuration(Path prefix, int port, java.util.List<Integer> instancePorts) {
        StringBuilder all = new StringBuilder();
        StringBuilder ceremony = new StringBuilder();
        for (int i = 0; i < instancePorts.size(); i++) {
            all.append("    server 127.0.0.1:").append(instancePorts.get(i)).append(" max_fails=1 fail_timeout=5s;\n");
            ceremony.append("    server 127.0.0.1:").append(instancePorts.get(i)).append(i == 0 ? " max_fails=1 fail_timeout=5s;\n" : " backup;\n");
        }
        String temp = prefix.resolve("temp").toString();
        return """
                # Written by the OpenPrimary launcher (scripts/cluster.sh); loopback only.
                daemon off;
                master_process on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %2$s/body;
                  proxy_temp_path %2$s/proxy;
                  fastcgi_temp_path %2$s/fastcgi;
                  uwsgi_temp_path %2$s/uwsgi;
                  scgi_temp_path %2$s/scgi;
                  client_max_body_size 8m;
                  server_tokens off;

                  upstream openprimary {
                    least_conn;
                %3$s    keepalive 64;
                  }
                  # the trustees' gathering of shares and the count: one instance's memory (see Balancer)
                  upstream openprimary_ceremony {
                %4$s    keepalive 8;
                  }

                  server {
                    listen 127.0.0.1:%5$d;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_connect_timeout 2s;
                    proxy_read_timeout 60s;
                    proxy_next_upstream error timeout http_502 http_504;
                    proxy_next_upstream_tries 3;
                    add_header X-OpenPrimary-Instance $upstream_addr always;

                    # An address with a '.' or '..' segment (raw or %%2e) never reaches an instance: no address
                    # of the platform has one, and Payara's HTTP layer fails on a trailing one and answers an
                    # empty 200 itself (docs/security.md, "Dot segments").
                    error_page 418 = @dot_segment;
                    if ($request_uri ~* "^[^?]*/(\\.|%%2e){1,2}(/|;|\\?|$)") {
                      return 418;
                    }
                    location @dot_segment {
                      default_type application/problem+json;
                      add_header Content-Language en always;
                      return 400 '{"type":"about:blank","title":"Bad Request","status":400,"field":"path","reason":"%7$s","detail":"%7$s"}';
                    }

                    location / {
                      proxy_pass http://openprimary;
                    }
                    # a cast and a code request are retried on another instance even once sent (see Balancer)
                    location ~ ^/api/elections/[^/]+/(ballots|ballot/code)$ {
                      proxy_next_upstream error timeout http_502 http_504 non_idempotent;
                      proxy_pass http://openprimary;
                    }
                    location /admin {
                      proxy_pass http://openprimary;
                    }
                    location ~ "%6$s" {
                      proxy_pass http://openprimary_ceremony;
                    }
                  }
                }
                """.formatted(prefix, temp, all, ceremony, port, CEREMONY,
                "the address may not contain a \\u0027.\\u0027 or \\u0027..\\u0027 segment");
    }

    /** Stops nginx (a quick shutdown, then a kill if it lingers). */
    void stop() {
        nginx.destroy(); // SIGTERM: nginx's fast shutdown
        try {
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
                nginx.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            nginx.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    Path prefix() {
        return prefix;
    }
}
