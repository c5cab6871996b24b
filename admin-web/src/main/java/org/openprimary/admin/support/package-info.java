/**
 * The hotline's support console API (role OPERATOR, and organizers): find a registration by the
 * help code the citizen reads out, see its masked data and the delivery of its messages, send a new
 * phone code or email link, note the call. Every call, look-ups included, is in the audit trail; no
 * ballot, full phone number or address, code or link is ever shown (docs/support.md).
 */
package org.openprimary.admin.support;
