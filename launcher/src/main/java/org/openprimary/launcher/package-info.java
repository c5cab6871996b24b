/** The one-command run of the whole platform: embedded PostgreSQL, Payara Server, the EAR, a demo election. */
package org.openprimary.launcher;
