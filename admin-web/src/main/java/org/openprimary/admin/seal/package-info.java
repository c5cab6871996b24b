/** The bailiff's side of sealing. */
package org.openprimary.admin.seal;
