/** Organizers' actions on elections. */
package org.openprimary.admin.elections;
