/** JSON-P, used the way that costs nothing per call. */
package org.openprimary.common.json;
