package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openprimary.bench.Drills;
import org.openprimary.bench.Suite;

/**
 * The races drill of issue 5 in CI ({@code bench/run.sh drills}'s first drill, at its {@code smoke}
 * sizes) against the real EAR on the Payara Server and PostgreSQL the other integration tests use:
 * every voter casting ten times at once gets one receipt, in the box, and nine 4xx problem+json
 * refusals; ballots = marks = voters; registrations racing with one phone, one mailbox or one card
 * (each written differently) have exactly one winner, the others the same neutral 409, and the
 * database one registrant per race with a ledger entry for every attempt. The crash and outage
 * drills kill this platform's processes, so they run in the documented full command only.
 *
 * <p>Runs after the others but the bench's smoke run and {@link AdminConsoleIT} ({@code @Order}):
 * its elections and registrants then disturb no other test's counts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(Integer.MAX_VALUE - 2)
class DrillSmokeIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("openprimary.ear")));
    }

    @Test
    void racingCastsAndRegistrationsHaveExactlyOneWinnerAndClearRefusals() {
        Drills.Sizes sizes = Drills.Sizes.of("smoke");
        ObjectNode result = Drills.races(sizes, new Suite.Target(URI.create("http://localhost:8080/"), "organizer",
                "it-organizer-password", System.getenv("OPENPRIMARY_DB_URL"), "postgres", "postgres"));
        String all = result.toPrettyString();
        assertEquals("[]", result.get("failures").toString(), all);
        assertTrue(result.get("passed").asBoolean(), all);

        JsonNode casts = result.get("casts");
        long voters = sizes.raceVoters();
        assertEquals(voters, casts.get("votersWithOneReceipt").asLong(), all);
        assertEquals(0, casts.get("votersWithSeveralReceipts").asLong(), all);
        assertEquals(voters, casts.get("receiptsFoundInBox").asLong(), "every receipt is in the box");
        assertEquals(voters, casts.get("ballots").asLong(), "one ballot per voter");
        assertEquals(voters, casts.get("marks").asLong(), "ballots = voters marked as having voted");
        assertEquals(voters, casts.at("/statuses/201").asLong(), all);
        assertEquals(0, casts.get("badRefusals").asLong(), "every refusal is a 4xx problem+json: " + all);

        JsonNode registrations = result.get("registrations");
        for (String race : new String[] {"samePhone", "sameMailbox", "sameCard"}) {
            JsonNode one = registrations.get(race);
            assertEquals(sizes.raceGroups(), one.get("racesWithOneWinner").asLong(), race + ": " + all);
            assertTrue(one.get("refusalReasons").size() <= 1, race + " refusals are neutral: " + all);
        }
        assertEquals(2L * sizes.raceGroups(), registrations.get("registrantRows").asLong(), "no half-written rows");
        assertEquals(sizes.raceGroups(), registrations.at("/sameCard/registrantsWithACard").asLong());
    }
}
