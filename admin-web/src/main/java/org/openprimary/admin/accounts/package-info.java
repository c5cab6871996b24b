/** The console's accounts. */
package org.openprimary.admin.accounts;
