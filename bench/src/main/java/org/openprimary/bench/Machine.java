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
                + " \"memoryGiB\": %.1f, \"java\": \"%s\", \"vm\": \"%s\"}, \"date\": \"%s\"",
                cpu().replace("\"", "'"), cores(), Runtime.getRuntime().availableProcessors(), memoryGiB(),
                System.getProperty("java.version"), System.getProperty("java.vm.name", "").replace("\"", "'"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
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
