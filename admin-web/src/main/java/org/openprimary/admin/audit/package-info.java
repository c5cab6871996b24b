/** The admin audit trail: every state-changing request recorded, and read by organizers and bailiffs. */
package org.openprimary.admin.audit;
