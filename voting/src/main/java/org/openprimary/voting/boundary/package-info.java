/**
 * The voting module's facade: elections and their lifecycle, and the admin accounts. Other modules
 * and the web modules call only these classes.
 */
package org.openprimary.voting.boundary;
