/**
 * Abuse limits shared by every instance of a cluster: Bucket4j's token buckets kept in a
 * PostgreSQL table of the module that uses them (its own Flyway script creates it), so two
 * instances behind a load balancer spend one budget.
 */
package org.openprimary.common.limits;
