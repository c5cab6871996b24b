package org.openprimary.voting.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openprimary.common.ConflictException;
import org.openprimary.tally.control.BoxChain;
import org.openprimary.tally.control.MinutesSignature;
import org.openprimary.voting.control.Digests;
import org.openprimary.voting.control.VotingSchema;
import org.openprimary.voting.entity.SealDocument;

/**
 * The official records of the seal and of the count, on Payara Micro against the real PostgreSQL:
 * refused before their event, then PDFs whose text carries the facts, the same bytes at every
 * request, signed with the platform's key.
 */
@ExtendWith(ArquillianExtension.class)
@DataSourceDefinition(name = VotingSchema.DATA_SOURCE,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=openprimary.db.url}",
        user = "${MPCONFIG=openprimary.db.user}",
        password = "${MPCONFIG=openprimary.db.password}")
class MinutesContainerTest {

    @Deployment
    static WebArchive deployment() {
        JavaArchive voting = ShrinkWrap.create(JavaArchive.class, "openprimary-voting.jar")
                .addPackages(true, "org.openprimary.voting")
                .deleteClass(MinutesContainerTest.class)
                .deleteClass(ElectionServiceContainerTest.class)
                .deleteClass(ElectionCampaignsContainerTest.class)
                .deleteClass(SecondRoundContainerTest.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsManifestResource("META-INF/beans.xml", "beans.xml")
                .addAsResource(new File("src/main/resources/db/migration/voting"), "db/migration/voting");
        File[] libraries = new File("target/test-libs").listFiles((dir, name) -> name.endsWith(".jar"));
        return ShrinkWrap.create(WebArchive.class, "minutes-test.war")
                .addClass(MinutesContainerTest.class)
                .addAsLibraries(voting)
                .addAsLibraries(libraries);
    }

    @EJB
    MinutesService minutes;

    @EJB
    ElectionService elections;

    @Resource(lookup = VotingSchema.DATA_SOURCE)
    DataSource dataSource;

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** A sealed election written straight into the schema (the ceremony itself has tests of its own). */
    private String sealed(String state) throws Exception {
        String id = UUID.randomUUID().toString();
        SealDocument document = SealDocument.of(new SealDocument.Content(id, "Primaire 2027", List.of("Alice", "Bob"),
                List.of("Insuffisant", "Passable", "Bien"), List.of("EMAIL", "PHONE"), List.of("FR"), "OPEN", true,
                java.time.Instant.parse("2027-01-14T07:00:00Z"), java.time.Instant.parse("2027-01-17T16:00:00Z"), 4, 9,
                "b".repeat(64), "c".repeat(64), List.of("trustee-1", "trustee-2", "trustee-3"), 2, "sms",
                "openprimary 0.1.0"));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO voting.election (id, title, state, created_at, registration_opened_at, voting_opens_at,"
                        + " voting_closes_at, registration_closed_at, roll_size, roll_ledger_entries, roll_ledger_head,"
                        + " seal_document, seal_fingerprint, seal_proposed_by, seal_proposed_at, sealed_by, sealed_at,"
                        + " trustee_threshold, roll_credentials, election_public_key, box_genesis, rehearsal_passed_at)"
                        + " VALUES (?, 'Primaire 2027', ?, '2027-01-01T00:00:00Z', '2027-01-02T00:00:00Z',"
                        + " '2027-01-14T07:00:00Z', '2027-01-17T16:00:00Z', '2027-01-10T09:00:00Z', 4, 9, ?, ?, ?,"
                        + " 'organizer', '2027-01-10T09:00:00Z', 'bailiff', '2027-01-10T09:30:00Z', 2, ?, 'ZWxlY3Rpb24ta2V5',"
                        + " ?, '2027-01-11T10:00:00Z')")) {
            s.setString(1, id);
            s.setString(2, state);
            s.setString(3, "b".repeat(64));
            s.setString(4, document.text());
            s.setString(5, document.fingerprint());
            s.setString(6, "c".repeat(64));
            s.setString(7, BoxChain.genesis(id, document.fingerprint(), "ZWxlY3Rpb24ta2V5"));
            s.executeUpdate();
        }
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO voting.candidate (election_id, position, name) VALUES ('" + id + "', 0, 'Alice'),"
                    + " ('" + id + "', 1, 'Bob')");
            s.execute("INSERT INTO voting.grade (election_id, position, name) VALUES ('" + id + "', 0, 'Insuffisant'),"
                    + " ('" + id + "', 1, 'Passable'), ('" + id + "', 2, 'Bien')");
            s.execute("INSERT INTO voting.trustee (election_id, position, username) VALUES ('" + id + "', 1, 'trustee-1'),"
                    + " ('" + id + "', 2, 'trustee-2'), ('" + id + "', 3, 'trustee-3')");
        }
        return id;
    }

    @Test
    void theSealsRecordIsRefusedBeforeTheBailiffConfirmedAndAfterwardCarriesTheSealAndThePeople() throws Exception {
        String draft = elections.draft(DraftElection.of("Primaire", List.of("Alice"), null), "organizer").id();
        ConflictException early = assertThrows(ConflictException.class, () -> minutes.seal(draft));
        assertEquals("state", early.field().orElseThrow());

        String id = sealed("SEALED");
        SignedMinutes record = minutes.seal(id);

        String text = text(record.pdf());
        String fingerprint = elections.seal(id).fingerprint();
        assertTrue(text.contains("Procès-verbal de scellement de l'urne"), text);
        assertTrue(text.contains(fingerprint), text);
        assertTrue(text.contains("Électeurs sur la liste / Voters on the roll\n4\n"), text);
        assertTrue(text.contains("c".repeat(64)), "the credentials' commitment: " + text);
        assertTrue(text.contains("2 sur / of 3"), text);
        assertTrue(text.contains("Ligne fixe acceptée comme téléphone (code par appel vocal) / Landline accepted as the phone"
                + " (code by voice call)\n" + SealDocument.LANDLINE_ACCEPTED + "\n"), text);
        assertTrue(text.contains("Participation aux frais (centimes et devise) / Participation fee (cents and currency)"
                + "\nnone\n"), "the sealed fee, here none: " + text);
        assertTrue(text.contains("trustee-3 (Dépositaire de clé / Trustee)"), text);
        assertTrue(text.contains("organizer (Organisateur / Organizer)"), text);
        assertTrue(text.contains("bailiff (Huissier / Bailiff)"), text);
        assertTrue(text.contains("2027-01-10T09:30:00Z UTC"), text);
        assertTrue(record.fileName().endsWith(id + ".pdf"));
        assertThrows(ConflictException.class, () -> minutes.count(id), "not counted yet");
    }

    @Test
    void theCountsRecordShowsBallotsEqualMarksAndIsSignedWithTheSameBytesEveryTime() throws Exception {
        String id = sealed("COUNTED");
        String fingerprint;
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT seal_fingerprint FROM voting.election WHERE id = '" + id + "'")) {
            r.next();
            fingerprint = r.getString(1);
        }
        String head = BoxChain.genesis(id, fingerprint, "ZWxlY3Rpb24ta2V5");
        String result = "{\"format\":\"openprimary-tally-result/1\",\"election\":\"" + id + "\",\"grades\":[\"Insuffisant\","
                + "\"Passable\",\"Bien\"],\"ballots\":3,\"candidates\":[{\"index\":0,\"name\":\"Alice\",\"rank\":2,"
                + "\"majorityGrade\":1,\"majorityGradeName\":\"Passable\",\"mention\":\"Passable +\",\"counts\":[0,2,1],"
                + "\"shares\":[0,0.666667,0.333333]},{\"index\":1,\"name\":\"Bob\",\"rank\":1,\"majorityGrade\":2,"
                + "\"majorityGradeName\":\"Bien\",\"mention\":\"Bien -\",\"counts\":[1,0,2],\"shares\":[0.333333,0,"
                + "0.666667]}],\"ranking\":[1,0]}";
        try (Connection c = dataSource.getConnection()) {
            for (int p = 1; p <= 3; p++) {
                byte[] encrypted = ("ballot " + p + " of " + id).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                String receipt = BoxChain.receipt(encrypted);
                head = BoxChain.next(head, p, receipt);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO voting.box_entry (election_id, position,"
                        + " encrypted, receipt, head) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, id);
                    s.setLong(2, p);
                    s.setBytes(3, encrypted);
                    s.setString(4, receipt);
                    s.setString(5, head);
                    s.executeUpdate();
                }
            }
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("INSERT INTO voting.box_checkpoint (election_id, ballots, head, made_at, signature) VALUES ('"
                        + id + "', 3, '" + head + "', '2027-01-17T16:00:00Z', 'sig')");
                // three voted, one asked for a code and did not vote, one never came
                for (int v = 0; v < 5; v++) {
                    s.execute("INSERT INTO voting.voter (id, election_id, registrant_id, credential_hash, has_voted,"
                            + " signed_in) VALUES ('" + UUID.randomUUID() + "', '" + id + "', '" + UUID.randomUUID() + "', '"
                            + Digests.sha256(id + v) + "', " + (v < 3) + ", " + (v < 4) + ")");
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE voting.election SET voting_opened_at ="
                    + " '2027-01-14T07:00:00Z', voting_closed_at = '2027-01-17T16:00:05Z', count_started_at ="
                    + " '2027-01-17T16:20:00Z', counted_at = '2027-01-17T16:21:00Z', count_trustees = '1:trustee-1,3:trustee-3',"
                    + " result_json = ? WHERE id = ?")) {
                s.setString(1, result);
                s.setString(2, id);
                s.executeUpdate();
            }
        }

        SignedMinutes record = minutes.count(id);

        String text = text(record.pdf());
        assertTrue(text.contains("Procès-verbal de dépouillement"), text);
        assertTrue(text.contains("Bulletins dans l'urne / Ballots in the box\n3\n"), text);
        assertTrue(text.contains("Électeurs marqués comme ayant voté / Voters marked as having voted\n3\n"), text);
        assertTrue(text.contains("OUI / YES (3 = 3)"), text);
        assertTrue(text.contains("Électeurs s'étant identifiés (code demandé) / Voters who signed in (asked for a code)\n4\n"),
                text);
        assertTrue(text.contains("dont sans voter / of whom did not vote\n1\n"), text);
        assertTrue(text.contains("75.00 % (3 / 4)"), text);
        assertTrue(text.contains("Bulletins dépouillés / Ballots counted\n3\n"), text);
        assertTrue(text.contains(Digests.sha256(result)), "the result's digest: " + text);
        assertTrue(text.contains(head), "the box's head: " + text);
        assertTrue(text.contains(fingerprint), "the seal's fingerprint: " + text);
        assertTrue(text.contains("Rang 1 / Rank 1\nBob : Bien -"), text);
        assertTrue(text.contains("trustee-3 (Dépositaire de clé / Trustee)"), text);
        assertFalse(text.contains("trustee-2 (Dépositaire"), "trustee 2 did not take part: " + text);

        assertTrue(MinutesSignature.valid(record.pdf(), record.signature(), record.signingKey()));
        byte[] changed = record.pdf();
        changed[changed.length / 3] ^= 0x20;
        assertFalse(MinutesSignature.valid(changed, record.signature(), record.signingKey()));

        SignedMinutes again = minutes.count(id);
        assertArrayEquals(record.pdf(), again.pdf(), "the same facts give the same file");
        assertEquals(record.signature(), again.signature());
    }
}
