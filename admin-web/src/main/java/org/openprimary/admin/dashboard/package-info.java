/**
 * The dashboard's charts: an election's registrations, roll and turnout over the last hours, in
 * time buckets, from the roll's ledger and the ballot box's signed checkpoints (public figures).
 * The page that draws them is {@code dashboard.html}.
 */
package org.openprimary.admin.dashboard;
