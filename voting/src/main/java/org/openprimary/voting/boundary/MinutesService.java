package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openprimary.common.ConflictException;
import org.openprimary.common.NotFoundException;
import org.openprimary.common.json.Jsonp;
import org.openprimary.voting.control.BallotBox;
import org.openprimary.voting.control.CheckpointSigner;
import org.openprimary.voting.control.Digests;
import org.openprimary.voting.control.MinutesPdf;
import org.openprimary.voting.control.MinutesPdf.Row;
import org.openprimary.voting.control.MinutesPdf.Section;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;
import org.openprimary.voting.entity.Trustee;

/**
 * The official records (procès-verbaux, docs/minutes.md) of an election's seal, once a bailiff
 * confirmed it, and of its count, once it is done: PDFs made from what the database holds, the
 * same bytes for the same facts, signed with the platform's Ed25519 key.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MinutesService {

    static final String NONE_FR = "non enregistré";
    static final String NONE_EN = "not recorded";

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @EJB
    BallotBox box;

    @EJB
    CheckpointSigner signer;

    /** The seal's record: refused (409) until a bailiff confirmed the seal. */
    public SignedMinutes seal(String id) {
        Election e = load(id);
        Instant sealedAt = e.sealedAt().orElseThrow(() -> new ConflictException("state",
                "the seal's record is made once a bailiff confirmed the seal; this election is " + e.state()));
        String document = e.sealDocument().orElseThrow();
        List<Trustee> trustees = trustees(e);
        List<Section> sections = new ArrayList<>();
        sections.add(election(e, false));
        sections.add(new Section("Calendrier", "Schedule", List.of(
                row("Ouverture des inscriptions", "Registration opened", time(e.registrationOpenedAt().orElse(null))),
                row("Clôture des inscriptions (liste gelée)", "Registration closed (roll frozen)",
                        time(e.registrationClosedAt().orElse(null))),
                row("Ouverture du vote (prévue)", "Voting opens (scheduled)", time(e.votingOpensAt().orElse(null))),
                row("Clôture du vote (prévue)", "Voting closes (scheduled)", time(e.votingClosesAt().orElse(null))))));
        sections.add(new Section("Liste électorale", "Roll", List.of(
                row("Électeurs sur la liste", "Voters on the roll", Long.toString(e.rollSize().orElse(0L))),
                row("Entrées du registre de la liste", "Roll ledger entries", sealLine(document, "roll.ledger.entries")),
                row("Tête du registre (SHA-256)", "Ledger head (SHA-256)", sealLine(document, "roll.ledger.head")),
                row("Engagement sur les identifiants de vote", "Commitment to the voters' credentials",
                        e.rollCredentials().orElse(NONE_FR + " / " + NONE_EN)))));
        sections.add(new Section("Scellement", "Seal", List.of(
                row("Empreinte SHA-256 du document scellé", "SHA-256 fingerprint of the sealed document",
                        e.sealFingerprint().orElseThrow()),
                row("Format du document scellé", "Sealed document format", sealLine(document, "format")),
                row("Version du logiciel", "Software version", sealLine(document, "software.version")),
                row("Mode d'envoi du code de vote", "Voting code sent by", sealLine(document, "voting.code")),
                row("Ligne fixe acceptée comme téléphone (code par appel vocal)",
                        "Landline accepted as the phone (code by voice call)",
                        sealLine(document, "registration.landline")),
                row("Participation aux frais (centimes et devise)", "Participation fee (cents and currency)",
                        sealLine(document, "registration.fee")),
                row("Clé publique de l'élection (X25519)", "Election public key (X25519)",
                        e.electionPublicKey().orElse(NONE_FR + " / " + NONE_EN)))));
        List<Row> keyHolders = new ArrayList<>();
        keyHolders.add(row("Seuil de déchiffrement", "Decryption threshold",
                e.trusteeThreshold().map(k -> k + " sur / of " + trustees.size()).orElse("-")));
        for (Trustee t : trustees) {
            keyHolders.add(row("Dépositaire n° " + t.position(), "Trustee no. " + t.position(),
                    t.username() + " (Dépositaire de clé / Trustee)"));
        }
        sections.add(new Section("Dépositaires de la clé", "Trustees", keyHolders));
        sections.add(new Section("Personnes et rôles", "People and roles", List.of(
                row("Scellement proposé par", "Seal proposed by",
                        e.sealProposedBy().orElse("-") + " (Organisateur / Organizer)"),
                row("Proposé le", "Proposed at", time(e.sealProposedAt().orElse(null))),
                row("Scellement confirmé par", "Seal confirmed by",
                        e.sealedBy().orElse("-") + " (Huissier / Bailiff)"),
                row("Confirmé le", "Confirmed at", time(sealedAt)))));
        return signed("seal", e, new MinutesPdf.Minutes("seal", "Procès-verbal de scellement de l'urne",
                "Official record of the sealing of the ballot box", e.id().toString(), sealedAt, sections,
                note("fr"), note("en")));
    }

    /** The count's record: refused (409) until the count is done. */
    public SignedMinutes count(String id) {
        Election e = load(id);
        Instant countedAt = e.countedAt().orElseThrow(() -> new ConflictException("state",
                "the count's record is made once the count is done; this election is " + e.state()));
        String electionId = e.id().toString();
        long ballots = box.last(electionId).map(BallotBox.Entry::position).orElse(0L);
        long marks = box.marks(electionId);
        BallotBox.Attendance attendance = box.attendance(electionId);
        List<BallotBox.Checkpoint> checkpoints = box.checkpoints(electionId);
        String head = box.last(electionId).map(BallotBox.Entry::head).orElse(e.boxGenesis().orElse("-"));
        String result = e.resultJson().orElseThrow();
        JsonObject json = Jsonp.PROVIDER.createReader(new StringReader(result)).readObject();
        long counted = json.getJsonNumber("ballots").longValueExact();
        long roll = e.rollSize().orElse(0L);

        List<Section> sections = new ArrayList<>();
        sections.add(election(e, true));
        sections.add(new Section("Calendrier", "Schedule", List.of(
                row("Scellement confirmé le", "Seal confirmed at", time(e.sealedAt().orElse(null))),
                row("Ouverture du vote", "Voting opened", time(e.votingOpenedAt().orElse(null))),
                row("Clôture du vote", "Voting closed", time(e.votingClosedAt().orElse(null))),
                row("Début du dépouillement", "Count started", time(e.countStartedAt().orElse(null))),
                row("Fin du dépouillement", "Count completed", time(countedAt)))));
        sections.add(new Section("Urne", "Ballot box", List.of(
                row("Électeurs sur la liste", "Voters on the roll", Long.toString(roll)),
                row("Bulletins dans l'urne", "Ballots in the box", Long.toString(ballots)),
                row("Électeurs s'étant identifiés (code demandé)", "Voters who signed in (asked for a code)",
                        Long.toString(attendance.signedIn())),
                row("dont sans voter", "of whom did not vote", Long.toString(attendance.signedInWithoutVoting())),
                row("Électeurs marqués comme ayant voté", "Voters marked as having voted", Long.toString(marks)),
                row("Bulletins = électeurs ayant voté", "Ballots = voters marked as having voted",
                        (ballots == marks ? "OUI / YES" : "NON / NO") + " (" + ballots + (ballots == marks ? " = " : " != ")
                                + marks + ")"),
                row("Participation", "Turnout", roll == 0 ? "-" : percent(marks, roll)),
                row("Points de contrôle signés, vérifiés par le dépouillement",
                        "Signed checkpoints, verified by the count", Integer.toString(checkpoints.size())),
                row("Dernier point de contrôle", "Last checkpoint", checkpoints.isEmpty() ? "-"
                        : checkpoints.get(checkpoints.size() - 1).ballots() + " bulletins / ballots, "
                                + time(checkpoints.get(checkpoints.size() - 1).at())),
                row("Tête de la chaîne de l'urne (SHA-256)", "Head of the box's chain (SHA-256)", head))));
        List<Row> count = new ArrayList<>();
        count.add(row("Bulletins dépouillés", "Ballots counted", Long.toString(counted)));
        count.add(row("Bulletins blancs", "Blank ballots", "sans objet : au jugement majoritaire chaque bulletin"
                + " donne une mention à chaque candidat / not applicable: under majority judgment every ballot"
                + " grades every candidate"));
        count.add(row("Empreinte SHA-256 du résultat", "SHA-256 digest of the result", Digests.sha256(result)));
        count.add(row("Format du résultat", "Result format", json.getString("format", "-")));
        for (JsonValue place : json.getJsonArray("ranking")) {
            JsonObject candidate = json.getJsonArray("candidates").getJsonObject(((jakarta.json.JsonNumber) place).intValue());
            String mention = candidate.isNull("mention") ? "-" : candidate.getString("mention");
            count.add(row("Rang " + candidate.getInt("rank"), "Rank " + candidate.getInt("rank"),
                    (candidate.isNull("name") ? "#" + candidate.getInt("index") : candidate.getString("name"))
                            + " : " + mention));
        }
        sections.add(new Section("Dépouillement", "Count", count));
        List<Row> people = new ArrayList<>();
        people.add(row("Seuil de déchiffrement", "Decryption threshold",
                e.trusteeThreshold().map(k -> k + " sur / of " + trustees(e).size()).orElse("-")));
        List<String> tookPart = e.countTrustees();
        if (tookPart.isEmpty()) {
            people.add(row("Dépositaires ayant apporté leur part", "Trustees who brought their share",
                    NONE_FR + " / " + NONE_EN));
        }
        for (String trustee : tookPart) {
            int colon = trustee.indexOf(':');
            people.add(row("Dépositaire n° " + trustee.substring(0, colon), "Trustee no. " + trustee.substring(0, colon),
                    trustee.substring(colon + 1) + " (Dépositaire de clé / Trustee)"));
        }
        people.add(row("Scellement confirmé par", "Seal confirmed by", e.sealedBy().orElse("-")
                + " (Huissier / Bailiff)"));
        sections.add(new Section("Dépositaires et rôles", "Trustees and roles", people));
        return signed("count", e, new MinutesPdf.Minutes("count", "Procès-verbal de dépouillement",
                "Official record of the count", electionId, countedAt, sections, note("fr"), note("en")));
    }

    private SignedMinutes signed(String kind, Election e, MinutesPdf.Minutes minutes) {
        byte[] pdf = MinutesPdf.write(minutes);
        return new SignedMinutes("openprimary-" + kind + "-minutes-" + e.id() + ".pdf", pdf, signer.sign(pdf),
                signer.publicKey());
    }

    private Section election(Election e, boolean withSeal) {
        List<Row> rows = new ArrayList<>();
        rows.add(row("Identifiant", "Identifier", e.id().toString()));
        rows.add(row("Intitulé", "Title", e.title()));
        if (withSeal) {
            rows.add(row("Empreinte du scellement (SHA-256)", "Seal fingerprint (SHA-256)",
                    e.sealFingerprint().orElse("-")));
        }
        List<String> names = e.candidateNames();
        rows.add(row("Candidats", "Candidates", Integer.toString(names.size())));
        for (int i = 0; i < names.size(); i++) {
            rows.add(row("Candidat " + (i + 1), "Candidate " + (i + 1), names.get(i)));
        }
        rows.add(row("Mentions (de la pire à la meilleure)", "Grades (worst to best)",
                String.join(" < ", e.scale().names())));
        return new Section("Élection", "Election", rows);
    }

    private static String note(String language) {
        return language.equals("fr")
                ? "Ce procès-verbal est signé (Ed25519) par la clé de la plateforme qui signe les points de contrôle"
                        + " de l'urne ; la signature, en base64, accompagne le fichier (.sig). Vérification :"
                        + " tally verify-minutes (docs/minutes.md). Heures en temps universel (UTC)."
                : "These minutes are signed (Ed25519) with the platform's key that signs the ballot box's"
                        + " checkpoints; the base64 signature comes with the file (.sig). To verify: tally"
                        + " verify-minutes (docs/minutes.md). Times are in UTC.";
    }

    /** A line of the seal document, unescaped; {@code -} when the document has none (an older format). */
    static String sealLine(String document, String key) {
        for (String line : document.split("\n")) {
            if (line.startsWith(key + "=")) {
                StringBuilder value = new StringBuilder();
                String escaped = line.substring(key.length() + 1);
                for (int i = 0; i < escaped.length(); i++) {
                    char c = escaped.charAt(i);
                    if (c == '\\' && i + 1 < escaped.length()) {
                        char next = escaped.charAt(++i);
                        value.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
                    } else {
                        value.append(c);
                    }
                }
                return value.toString();
            }
        }
        return "-";
    }

    private static String percent(long part, long whole) {
        return java.math.BigDecimal.valueOf(part * 100L).divide(java.math.BigDecimal.valueOf(whole), 2,
                java.math.RoundingMode.HALF_EVEN).toPlainString() + " % (" + part + " / " + whole + ")";
    }

    private static String time(Instant at) {
        return at == null ? "-" : at.toString() + " UTC";
    }

    private static Row row(String fr, String en, String value) {
        return new Row(fr, en, value);
    }

    private List<Trustee> trustees(Election election) {
        return em.createNamedQuery(Trustee.FIND_BY_ELECTION, Trustee.class)
                .setParameter("election", election.id().toString()).getResultList();
    }

    private Election load(String id) {
        Election election = em.find(Election.class, ElectionId.parse(id).toString());
        if (election == null) {
            throw new NotFoundException("id", "no election has the id '" + id + "'");
        }
        return election;
    }
}
