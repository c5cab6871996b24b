/**
 * What the modules that talk to Twilio share (registration's Verify, notifications' Messages).
 * The Twilio SDK is an optional dependency of this jar: each of those modules brings it.
 */
package org.openprimary.common.twilio;
