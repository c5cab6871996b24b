/** Schema migrations: each module owns a PostgreSQL schema and its Flyway history. */
package org.openprimary.common.migration;
