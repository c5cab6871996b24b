/** Channel providers (Twilio, SMTP, the console stand-ins), the schema migration, readiness. */
package org.openprimary.notifications.control;
