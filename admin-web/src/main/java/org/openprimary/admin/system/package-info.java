/** What the platform runs with: providers, stand-ins. */
package org.openprimary.admin.system;
