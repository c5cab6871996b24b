package org.openprimary.admin.dashboard;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.TimeBuckets;
import org.openprimary.voting.boundary.ElectionTimeline;
import org.openprimary.voting.boundary.TimelineView;

/**
 * An election's registrations, roll and turnout over the last hours, for the dashboard's charts.
 * Every staff role reads it, as the dashboard's other figures (web.xml: reads under
 * {@code elections/*}); the figures are those the public reads, in time.
 */
@Path("elections/{id}/timeline")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {

    @EJB
    ElectionTimeline timeline;

    @GET
    @Operation(summary = "Registrations, registrants and voters on the roll (from the roll's ledger), ballots and"
            + " turnout (from the box's signed checkpoints) over the last hours (1 to 720, default 24), in at most 200"
            + " time buckets: hourly for a week, finer for shorter spans")
    public TimelineView timeline(@PathParam("id") String id, @QueryParam("hours") String hours) {
        return timeline.timeline(id, hours(hours));
    }

    /** The span in hours: 24 when not given; anything but a whole number is refused naming the field. */
    static int hours(String hours) {
        if (hours == null || hours.isBlank()) {
            return 24;
        }
        try {
            return Integer.parseInt(hours.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("hours", "the span is a whole number of hours, 1 to " + TimeBuckets.MAX_HOURS);
        }
    }
}
