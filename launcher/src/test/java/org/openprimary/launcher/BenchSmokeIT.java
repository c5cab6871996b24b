package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openprimary.bench.Suite;

/**
 * The benchmarks' smoke run in CI: {@code bench/run.sh}'s scenarios (the bench module's
 * {@link Suite}, at its {@code smoke} sizes) against the real EAR on the Payara Server and
 * PostgreSQL the other integration tests use, at {@code http://localhost:8080/}. No threshold and
 * no timing is asserted: only that every scenario produced its figures and that the cast kept its
 * invariants (as many ballots in the box as voters marked, every receipt found in the box), so a
 * change that breaks a scenario's path breaks the build rather than the next benchmark run.
 *
 * <p>Runs after the others but {@link AdminConsoleIT} ({@code @Order}): its election, registrants
 * and voters then disturb no other test's counts; LauncherIT needs the ports before Arquillian's
 * server takes them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(Integer.MAX_VALUE - 1)
class BenchSmokeIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("openprimary.ear")));
    }

    @Test
    void everyScenarioProducesFiguresAndTheCastKeepsItsInvariants() {
        Suite.Sizes sizes = Suite.Sizes.of("smoke");
        ObjectNode result = Suite.run(sizes, new Suite.Target(URI.create("http://localhost:8080/"), "organizer",
                "it-organizer-password", System.getenv("OPENPRIMARY_DB_URL"), "postgres", "postgres"), Set.of());
        String all = result.toPrettyString();
        assertEquals("[]", result.get("errors").toString(), all);
        JsonNode scenarios = result.get("scenarios");
        for (String name : List.of("tally", "count", "floor", "registration", "cast", "campaign")) {
            assertTrue(scenarios.path(name).path("figures").isObject(), name + " produced no figures: " + all);
            assertTrue(scenarios.path(name).has("goal"), name + " states its goal");
        }

        assertEquals(sizes.tallyBallots(), scenarios.at("/tally/figures/ballots").asLong());
        assertEquals(sizes.countBallots(), scenarios.at("/count/figures/ballots").asLong());
        assertEquals(10, scenarios.at("/count/figures/ranking").size(), "the count ranked every candidate");

        JsonNode registration = scenarios.at("/registration/figures");
        assertEquals(sizes.registrations(), registration.get("completed").asLong(), all);
        assertEquals(0, registration.get("failures").asLong());
        assertEquals(sizes.registrations() / 5, registration.get("warmup").asLong(), "a fifth first, not timed");
        assertEquals(sizes.registrations() + sizes.registrations() / 5, registration.at("/roll/onRoll").asLong(),
                "every registrant is on the roll, the warm-up's too");

        JsonNode invariants = scenarios.at("/cast/figures/invariants");
        long voters = sizes.castVoters();
        assertEquals(voters, invariants.get("acceptedCasts").asLong(), all);
        assertEquals(voters, invariants.get("ballots").asLong(), "every accepted cast is a ballot in the box");
        assertEquals(voters, invariants.get("marks").asLong(), "ballots = voters marked as having voted");
        assertEquals(voters, invariants.get("distinctReceipts").asLong());
        assertEquals(voters, invariants.get("receiptsFound").asLong(), "every receipt is in the box");
        assertTrue(invariants.get("held").asBoolean());
        assertEquals(voters, scenarios.at("/campaign/votingLinks/recipients").asLong(), "one voting link per voter queued");
        assertEquals(sizes.campaignRecipients(), scenarios.at("/campaign/figures/recipients").asLong(),
                "the organizer's announcement reached the whole roll: " + scenarios.get("campaign"));
        assertEquals(sizes.campaignRecipients(), scenarios.at("/campaign/figures/queued").asLong(),
                "one message queued per recipient");
        JsonNode during = scenarios.at("/cast/figures/duringCampaign");
        assertTrue(during.at("/run/casts").asLong() > 0, "a cast run while a campaign was queued: " + during);
        assertEquals(during.at("/run/casts").asLong(), during.at("/run/accepted").asLong(),
                "every cast during the campaign's queuing was accepted: " + during);
        assertEquals(sizes.campaignRecipients(), during.at("/campaign/queued").asLong(),
                "the campaign queued alongside the casts reached its whole roll: " + during);
        assertTrue(scenarios.at("/campaign/castsDuringQueue/ballotsPerSecondDuring").asDouble() > 0,
                "the campaign scenario reports the casts' rate during a queue: " + scenarios.get("campaign"));

        JsonNode floor = scenarios.at("/floor/figures");
        if (floor.has("skipped")) {
            assertTrue(floor.get("skipped").asText().contains("pgbench"), floor.toString()); // says why, not a failure
        } else {
            assertTrue(floor.get("tps").asDouble() > 0, floor.toString());
            assertTrue(scenarios.at("/floor/floorOverCast").asDouble() > 0, "the cast is compared with the floor");
        }

        JsonNode castMemory = scenarios.at("/cast/memory/server");
        assertTrue(castMemory.path("heapPeakMiB").asDouble() > 0, "the server's heap was sampled: " + castMemory);
        assertTrue(castMemory.path("rssPeakMiB").asDouble() > 0, "and its resident memory: " + castMemory);
        for (String key : List.of("castPerSecond", "castP99Ms", "registrationsPerSecond", "heapPeakMiB")) {
            assertTrue(result.get(key).isNumber(), key + " in the summary: " + all);
        }
        assertTrue(result.get("cores").asInt() >= 1);
        assertTrue(result.hasNonNull("date"));
    }
}
