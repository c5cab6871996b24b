/** What is not one entity's: the schema migration at start-up, the first admin account, readiness. */
package org.openprimary.voting.control;
