/** The outbox's messages and their delivery. */
package org.openprimary.notifications.entity;
