/** Citizens' registration and the roll's public counts. */
package org.openprimary.web.registration;
