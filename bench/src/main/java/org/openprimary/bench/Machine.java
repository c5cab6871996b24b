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
     * Where the CPU went between two readings, as JSON: this JVM's seconds, the whole machine's busy
     * seconds (this JVM, its database, and anything else running), and the seconds all cores had.
     */
    static String cpuJson(long processBefore, long[] machineBefore) {
        long[] now = jiffies();
        return String.format(Locale.ROOT, "{\"processSeconds\": %.2f, \"machineBusySeconds\": %.2f,"
                + " \"machineSeconds\": %.2f}", (processCpuNanos() - processBefore) / 1e9,
                (now[0] - machineBefore[0]) / 100.0, (now[1] - machineBefore[1]) / 100.0);
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
