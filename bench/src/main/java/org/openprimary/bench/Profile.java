package org.openprimary.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes, from a JFR recording's CPU samples ({@code jdk.ExecutionSample}): each
 * sample charged to a layer (the innermost frame that belongs to a known one: the JDBC driver,
 * EclipseLink, JAX-RS, ...), OpenPrimary's methods by inclusive share, the methods most often on
 * top of the stack (self time), the methods most often anywhere on it (inclusive; only frames of
 * the layers of interest), and the leaf frames grouped by package. Shares are percentages of the
 * samples. What async-profiler would show, with the JDK alone:
 * {@code java -jar bench/target/openprimary-bench.jar jfr-top FILE.jfr [TOP]}.
 */
final class Profile {

    /** Frames worth naming inclusively: ours, and the layers a cast or a count goes through. */
    private static final List<String> INTERESTING = List.of("org.openprimary.", "org.postgresql.",
            "org.eclipse.persistence.", "org.bouncycastle.", "com.sun.crypto.", "sun.security.",
            "org.glassfish.jersey.", "org.glassfish.grizzly.", "com.sun.enterprise.", "org.jboss.weld.",
            "com.fasterxml.jackson.", "org.eclipse.yasson.", "jakarta.", "com.google.i18n.", "java.util.logging.",
            "fish.payara.");

    /**
     * Layers a sample is charged to: the innermost frame (from the top of the stack down) whose class
     * starts with one of these prefixes decides, the longest prefix winning.
     */
    private static final Map<String, String> LAYERS = new java.util.LinkedHashMap<>();

    static {
        LAYERS.put("org.postgresql.", "PostgreSQL JDBC driver");
        LAYERS.put("com.sun.gjc.", "connection pool");
        LAYERS.put("com.sun.enterprise.resource.", "connection pool");
        LAYERS.put("org.eclipse.persistence.", "EclipseLink (JPA)");
        LAYERS.put("com.sun.crypto.", "crypto");
        LAYERS.put("sun.security.", "crypto");
        LAYERS.put("org.bouncycastle.", "crypto");
        LAYERS.put("com.google.i18n.", "libphonenumber");
        LAYERS.put("org.openprimary.", "OpenPrimary code");
        LAYERS.put("com.fasterxml.jackson.", "JSON");
        LAYERS.put("org.eclipse.yasson.", "JSON");
        LAYERS.put("org.eclipse.parsson.", "JSON");
        LAYERS.put("org.glassfish.json.", "JSON");
        LAYERS.put("com.sun.ejb.", "EJB container");
        LAYERS.put("org.glassfish.ejb.", "EJB container");
        LAYERS.put("com.sun.enterprise.transaction.", "JTA transactions");
        LAYERS.put("com.sun.jts.", "JTA transactions");
        LAYERS.put("org.jboss.weld.", "CDI (Weld)");
        LAYERS.put("org.glassfish.jersey.", "JAX-RS (Jersey, HK2)");
        LAYERS.put("org.jvnet.hk2.", "JAX-RS (Jersey, HK2)");
        LAYERS.put("org.glassfish.hk2.", "JAX-RS (Jersey, HK2)");
        LAYERS.put("org.glassfish.soteria.", "security");
        LAYERS.put("com.sun.enterprise.security.", "security");
        LAYERS.put("com.sun.web.security.", "security");
        LAYERS.put("org.apache.catalina.", "HTTP (Grizzly, Catalina)");
        LAYERS.put("org.glassfish.grizzly.", "HTTP (Grizzly, Catalina)");
        LAYERS.put("com.sun.enterprise.v3.services.", "HTTP (Grizzly, Catalina)");
        LAYERS.put("java.util.logging.", "logging");
        LAYERS.put("fish.payara.", "Payara (other)");
        LAYERS.put("com.sun.enterprise.", "Payara (other)");
        LAYERS.put("org.glassfish.", "Payara (other)");
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            String best = null;
            for (String prefix : LAYERS.keySet()) {
                if (type.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            if (best != null) {
                return LAYERS.get(best);
            }
        }
        return "JDK and other";
    }

    private Profile() {
    }

    static String top(Path recording, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> layers = new HashMap<>();
        Map<String, Long> ours = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                String leaf = name(frames.get(0));
                self.merge(leaf, 1L, Long::sum);
                packages.merge(packageOf(frames.get(0)), 1L, Long::sum);
                String thread = event.getThread("sampledThread") == null ? "?"
                        : event.getThread("sampledThread").getJavaName();
                threads.merge(thread == null ? "?" : thread.replaceAll("[-#(]?\\d+\\)?$", "").replaceAll("\\d+", "N"),
                        1L, Long::sum);
                layers.merge(layer(frames), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String method = name(frame);
                    if (INTERESTING.stream().anyMatch(method::startsWith) && seen.add(method)) {
                        inclusive.merge(method, 1L, Long::sum);
                        if (method.startsWith("org.openprimary.")) {
                            ours.merge(method, 1L, Long::sum);
                        }
                    }
                }
            }
        }
        long total = samples;
        return String.format(Locale.ROOT, "{\"benchmark\": \"profile\", \"recording\": \"%s\", \"samples\": %d,"
                + " \"layers\": %s, \"oursInclusive\": %s, \"selfTop\": %s, \"inclusiveTop\": %s,"
                + " \"leafPackages\": %s, \"threads\": %s}",
                recording.getFileName(), samples, ranked(layers, 20, total, m -> true), ranked(ours, top, total, m -> true),
                ranked(self, top, total, m -> true),
                ranked(inclusive, top, total, m -> true), ranked(packages, top, total, m -> true),
                ranked(threads, 8, total, m -> true));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The first three components of the leaf's class name: {@code org.postgresql.core}, {@code java.util.HashMap}. */
    private static String packageOf(RecordedFrame frame) {
        String[] parts = frame.getMethod().getType().getName().split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length)));
    }

    private static String ranked(Map<String, Long> counts, int top, long total, Predicate<String> keep) {
        StringBuilder out = new StringBuilder("[");
        counts.entrySet().stream().filter(e -> keep.test(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(out.length() == 1 ? "" : ", ").append(String.format(Locale.ROOT,
                        "[\"%s\", %.1f]", e.getKey().replace("\"", "'"), 100.0 * e.getValue() / Math.max(1, total))));
        return out.append(']').toString();
    }
}
