/** JPA helpers shared by every module's persistence unit. */
package org.openprimary.common.persistence;
