/** The values of a count: grade scale, merit profile, result. Plain Java, checked on construction. */
package org.openprimary.tally.entity;
