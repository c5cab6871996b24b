/** The notifications module's facade: channels, outbox, campaigns. */
package org.openprimary.notifications.boundary;
