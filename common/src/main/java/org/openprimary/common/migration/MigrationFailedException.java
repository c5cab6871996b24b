package org.openprimary.common.migration;

/** A module's schema could not be migrated; the application must not start. */
public class MigrationFailedException extends RuntimeException {

    public MigrationFailedException(String schema, Throwable cause) {
        super("OpenPrimary cannot start: the database migration of schema '" + schema
                + "' failed: " + cause.getMessage(), cause);
    }
}
