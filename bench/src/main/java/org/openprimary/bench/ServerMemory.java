package org.openprimary.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The application server's memory while a scenario runs: its heap (used and committed, from
 * {@code jstat -gc PID 250}, one long-lived process that reads the JVM's performance counters, so
 * sampling costs next to nothing) and its resident memory (VmRSS, sampled from
 * {@code /proc/PID/status}; VmHWM, the kernel's own peak, reset at the start of each scenario by
 * writing 5 to {@code /proc/PID/clear_refs}). The server's process is the one listening on the
 * platform's HTTP port (found in {@code /proc/net/tcp*} and {@code /proc/PID/fd}), whichever way it
 * was started: the launcher, Arquillian, or by hand. Linux only; elsewhere the figures say why not.
 */
final class ServerMemory implements AutoCloseable {

    private final long pid;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong heapUsedKiB = new AtomicLong(-1);
    private final AtomicLong heapCommittedKiB = new AtomicLong(-1);
    private final AtomicLong rssKiB = new AtomicLong(-1);
    private final boolean hwmReset;
    private final Process jstat;
    private final Thread heapReader;
    private final Thread rssSampler;
    private volatile String heapProblem;

    private ServerMemory(long pid) {
        this.pid = pid;
        this.hwmReset = resetHighWaterMark(pid);
        Process started = null;
        try {
            started = new ProcessBuilder(jstatCommand(), "-gc", Long.toString(pid), "250")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            heapProblem = "jstat could not start: " + e.getMessage();
        }
        this.jstat = started;
        this.heapReader = new Thread(this::readHeap, "bench-jstat");
        this.heapReader.setDaemon(true);
        if (jstat != null) {
            heapReader.start();
        }
        this.rssSampler = new Thread(this::sampleRss, "bench-rss");
        this.rssSampler.setDaemon(true);
        rssSampler.start();
    }

    /**
     * Starts sampling the process that listens on {@code port} and waits (5 s at most) for the first
     * heap sample, so even a scenario shorter than jstat's start has one; empty when no process
     * listens on that port here.
     */
    static Optional<ServerMemory> watch(int port) {
        Optional<ServerMemory> memory = listener(port).map(ServerMemory::new);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (memory.isPresent() && memory.get().heapUsedKiB.get() < 0 && memory.get().jstat != null
                && memory.get().jstat.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return memory;
    }

    /** The process listening on a local TCP port, from /proc (as root, every process's sockets are readable). */
    static Optional<Long> listener(int port) {
        List<String> inodes = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ... inode (index 9); st 0A is LISTEN
                    if (f.length > 9 && f[1].contains(":") && f[3].equals("0A")
                            && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6), or not Linux
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> holdsAny(p.resolve("fd"), inodes))
                    .map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean holdsAny(Path fds, List<String> inodes) {
        try (Stream<Path> links = Files.list(fds)) {
            return links.anyMatch(fd -> {
                try {
                    return inodes.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false; // another user's process, or it ended meanwhile
        }
    }

    long pid() {
        return pid;
    }

    /** Stops sampling; the peaks as JSON members (no braces). */
    String stop() {
        running.set(false);
        if (jstat != null) {
            jstat.destroy();
            try {
                jstat.waitFor(5, TimeUnit.SECONDS);
                heapReader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            rssSampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleRssOnce();
        long hwm = status("VmHWM:");
        String heap = heapUsedKiB.get() < 0
                ? "\"heapPeakMiB\": null, \"heapCommittedPeakMiB\": null, \"heapProblem\": \""
                        + (heapProblem == null ? "jstat printed nothing" : heapProblem).replace("\"", "'") + "\""
                : String.format(Locale.ROOT, "\"heapPeakMiB\": %.1f, \"heapCommittedPeakMiB\": %.1f",
                        heapUsedKiB.get() / 1024.0, heapCommittedKiB.get() / 1024.0);
        return String.format(Locale.ROOT, "\"pid\": %d, %s, \"rssPeakMiB\": %s, \"rssPeakSource\": \"%s\"",
                pid, heap, mib(hwmReset && hwm > 0 ? hwm : rssKiB.get()),
                hwmReset && hwm > 0 ? "VmHWM, reset at the scenario's start" : "VmRSS sampled every 250 ms");
    }

    @Override
    public void close() {
        if (running.get()) {
            stop();
        }
    }

    private void readHeap() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> header = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                List<String> fields = List.of(line.trim().split("\\s+"));
                if (fields.contains("EU")) {
                    header = fields;
                    continue;
                }
                if (header == null || fields.size() != header.size()) {
                    heapProblem = line.strip();
                    continue;
                }
                double used = 0;
                double committed = 0;
                for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                    used += Double.parseDouble(fields.get(header.indexOf(column)));
                }
                for (String column : List.of("S0C", "S1C", "EC", "OC")) {
                    committed += Double.parseDouble(fields.get(header.indexOf(column)));
                }
                long u = (long) used;
                long c = (long) committed;
                heapUsedKiB.accumulateAndGet(u, Math::max);
                heapCommittedKiB.accumulateAndGet(c, Math::max);
            }
        } catch (IOException | RuntimeException e) {
            if (running.get()) {
                heapProblem = "jstat: " + e.getMessage();
            }
        }
    }

    private void sampleRss() {
        while (running.get()) {
            sampleRssOnce();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleRssOnce() {
        long rss = status("VmRSS:");
        if (rss > 0) {
            rssKiB.accumulateAndGet(rss, Math::max);
        }
    }

    /** A field of /proc/PID/status, in KiB; -1 when unreadable. */
    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
        return -1;
    }

    /** Resets the kernel's peak RSS of the process (Linux 4.0+), so VmHWM is this scenario's peak. */
    private static boolean resetHighWaterMark(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String jstatCommand() {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jstat");
        return Files.isExecutable(beside) ? beside.toString() : "jstat";
    }

    private static String mib(long kib) {
        return kib < 0 ? "null" : String.format(Locale.ROOT, "%.1f", kib / 1024.0);
    }
}
