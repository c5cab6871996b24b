/** Who may sign in to the console, checked against the voting module's admin accounts. */
package org.openprimary.admin.security;
