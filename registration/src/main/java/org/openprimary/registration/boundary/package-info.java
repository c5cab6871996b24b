/** The registration module's facade: registration windows, the roll and its ledger. */
package org.openprimary.registration.boundary;
