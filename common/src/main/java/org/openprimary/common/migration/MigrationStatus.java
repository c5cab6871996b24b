package org.openprimary.common.migration;

/** Where one module's schema stands after start-up: its version and what this start applied. */
public record MigrationStatus(String schema, String version, int appliedNow) {
}
