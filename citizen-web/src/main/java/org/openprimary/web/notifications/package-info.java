/** The unsubscribe link of news emails, and Twilio's status callbacks (the notifications module decides). */
package org.openprimary.web.notifications;
