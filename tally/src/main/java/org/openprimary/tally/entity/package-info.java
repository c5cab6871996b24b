/**
 * The values of a count, each checking its input when it is made: the {@link
 * org.openprimary.tally.entity.GradeScale grade scale} (2 to 10 named grades, worst first), a
 * candidate's {@link org.openprimary.tally.entity.MeritProfile merit profile} (exact counts per
 * grade), and the {@link org.openprimary.tally.entity.Result result} of a count. Input the count
 * cannot accept is a {@link org.openprimary.tally.entity.TallyException} saying where and what.
 *
 * <p>Plain Java, no platform import: the tally, and its verifier, run anywhere.
 */
package org.openprimary.tally.entity;
