/** The trustees' console API: passphrase, share download, bringing shares for the rehearsal and the count. */
package org.openprimary.admin.trustees;
