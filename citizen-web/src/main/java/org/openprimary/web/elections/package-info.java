/** Public listing of elections. */
package org.openprimary.web.elections;
