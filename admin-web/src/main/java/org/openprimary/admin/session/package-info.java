/** Signing in to the console: password, TOTP second factor (enrolled at the first sign-in), sign-out. */
package org.openprimary.admin.session;
