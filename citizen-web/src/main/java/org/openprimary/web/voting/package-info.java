/** Voting, receipts, turnout, the box's checkpoints, the result and the public record, over HTTP. */
package org.openprimary.web.voting;
