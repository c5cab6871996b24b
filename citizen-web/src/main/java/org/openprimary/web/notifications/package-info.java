/** The unsubscribe link of news emails (the notifications module decides what stops). */
package org.openprimary.web.notifications;
