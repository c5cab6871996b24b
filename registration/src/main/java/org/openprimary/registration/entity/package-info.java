/** Registration's entities: what it was handed of each election, and the roll's ledger. */
package org.openprimary.registration.entity;
