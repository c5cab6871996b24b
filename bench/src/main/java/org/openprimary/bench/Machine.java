package org.openprimary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * What a benchmark ran on, read from the machine itself (Linux): the processor's model name as
 * {@code lscpu} shows it, the online cores, the memory, the Java version, and the date. Printed
 * with every result, so RESULTS.md never has to be told what the machine was.
 */
final class Machine {

    private Machine() {
    }

    /** The machine's fields as JSON members (no braces), to append to a benchmark's object. */
    static String json() {
        return String.format(Locale.ROOT, "\"machine\": {\"cpu\": \"%s\", \"cores\": %d, \"availableProcessors\": %d,"
                + " \"memoryGiB\": %.1f, \"java\": \"%s\", \"vm\": \"%s\", \"loadAverage\": \"%s\"}, \"date\": \"%s\"",
                cpu().replace("\"", "'"), cores(), Runtime.getRuntime().availableProcessors(), memoryGiB(),
                System.getProperty("java.version"), System.getProperty("java.vm.name", "").replace("\"", "'"),
                loadAverage(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** CPU time this JVM has used so far, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The machine's busy and total CPU time so far (all cores), in jiffies (1/100 s), from /proc/stat. */
    static long[] jiffies() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /**
     * CPU time so far, in jiffies, of each process named by the system property
     * {@code bench.platform.pids} ({@code name=pid,...}: e.g. {@code payara=123,postgres=456}) with
     * all its descendants, from /proc; empty when the property is not set.
     */
    static java.util.Map<String, Long> platformJiffies() {
        java.util.Map<String, Long> totals = new java.util.LinkedHashMap<>();
        String named = System.getProperty("bench.platform.pids", "");
        if (named.isBlank()) {
            return totals;
        }
        java.util.Map<Long, String> roots = new java.util.HashMap<>();
        for (String entry : named.split(",")) {
            String[] pair = entry.strip().split("=", 2);
            String pid = pair[pair.length - 1].strip();
            String name = pair.length == 2 ? pair[0].strip() : "pid" + pid;
            roots.put(Long.parseLong(pid), name);
            totals.put(name, 0L);
        }
        java.util.Map<Long, Long> parents = new java.util.HashMap<>();
        java.util.Map<Long, Long> used = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    parents.put(pid, Long.parseLong(fields[1]));
                    used.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return totals;
        }
        for (java.util.Map.Entry<Long, Long> process : used.entrySet()) {
            Long p = process.getKey();
            for (int hops = 0; p != null && p > 1 && hops < 64; p = parents.get(p), hops++) {
                String root = roots.get(p);
                if (root != null) {
                    totals.merge(root, process.getValue(), Long::sum);
                    break;
                }
            }
        }
        return totals;
    }

    /** A reading to give {@link #cpuJson}: this JVM's CPU, the machine's, the platform's. */
    record Reading(long processNanos, long[] machine, java.util.Map<String, Long> platform) {
    }

    static Reading read() {
        return new Reading(processCpuNanos(), jiffies(), platformJiffies());
    }

    /**
     * Where the CPU went since a reading, as JSON: this JVM's seconds, the whole machine's busy
     * seconds (this JVM, the platform, and anything else running), the seconds all cores had, and
     * each platform process's seconds (with {@code bench.platform.pids}).
     */
    static String cpuJson(Reading before) {
        Reading now = read();
        StringBuilder platform = new StringBuilder();
        now.platform().forEach((name, jiffies) -> platform.append(String.format(Locale.ROOT, ", \"%sSeconds\": %.2f",
                name, (jiffies - before.platform().getOrDefault(name, 0L)) / 100.0)));
        return String.format(Locale.ROOT, "{\"processSeconds\": %.2f, \"machineBusySeconds\": %.2f,"
                + " \"machineSeconds\": %.2f%s}", (now.processNanos() - before.processNanos()) / 1e9,
                (now.machine()[0] - before.machine()[0]) / 100.0, (now.machine()[1] - before.machine()[1]) / 100.0,
                platform);
    }

    /** The load averages over 1, 5 and 15 minutes when the result was printed (others' work shows here). */
    private static String loadAverage() {
        String[] fields = lines("/proc/loadavg").stream().findFirst().orElse("").split(" ");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
    }

    private static String cpu() {
        return lines("/proc/cpuinfo").stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    }

    /** Online processors of the machine, whatever this JVM was limited to. */
    private static long cores() {
        long listed = lines("/proc/cpuinfo").stream().filter(line -> line.startsWith("processor")).count();
        return listed > 0 ? listed : Runtime.getRuntime().availableProcessors();
    }

    private static double memoryGiB() {
        return lines("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal:"))
                .map(line -> line.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                .mapToDouble(kib -> kib / (1024.0 * 1024.0)).findFirst().orElse(0);
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: the field says unknown
        }
    }
}
