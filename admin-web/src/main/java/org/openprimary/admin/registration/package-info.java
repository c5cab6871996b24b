/** The roll, as the console shows it. */
package org.openprimary.admin.registration;
