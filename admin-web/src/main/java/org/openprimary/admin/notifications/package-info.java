/** The outbox, for operators. */
package org.openprimary.admin.notifications;
