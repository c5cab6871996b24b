/** The outbox, campaigns and deliverability, for operators. */
package org.openprimary.admin.notifications;
