package org.openprimary.launcher.drills;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Drill 8 of issue 5, secrecy: with full access to the database while voting is open, nothing
 * tells a voter's grades or a partial result.
 *
 * <ul>
 * <li>the tables that hold ballots, and the voters' marks, have exactly the columns of an
 * allow-list: no voter, registrant, credential or precise time next to a ballot, no time next to
 * a mark. A column added later fails this drill until docs/security.md says why it cannot link;
 * <li>nothing refers to a ballot from elsewhere: no foreign key to the box, and no other column
 * anywhere holds one of the election's receipts (a receipt names its ballot in the box);
 * <li>no plaintext: no text column of any schema holds a cast ballot's grades, and no encrypted
 * ballot contains a grade's name;
 * <li>no partial count: no counted ballot and no result during voting, no trustee's share of the
 * election key left in the database once downloaded, the key's private half stored nowhere;
 * <li>the outbox keeps no voting link and no receipt of a message already sent.
 * </ul>
 */
public final class BallotSecrecyDrill {

    /** The ballot box's tables and the voters' marks: every column, with its type. */
    static final Map<String, Set<String>> ALLOWED_COLUMNS = Map.of(
            "voting.ballot_intake", Set.of("id bigint", "election_id character varying", "encrypted bytea", "receipt character"),
            "voting.box_entry", Set.of("election_id character varying", "position bigint", "encrypted bytea",
                    "receipt character", "head character"),
            "voting.box_checkpoint", Set.of("election_id character varying", "ballots bigint", "head character",
                    "made_at timestamp with time zone", "signature character varying"),
            "voting.counted_ballot", Set.of("election_id character varying", "chunk integer", "ballots integer", "grades bytea"),
            // struck_off_at: when a voter was struck off the frozen roll (docs/strike-offs.md), never when they voted;
            // signed_in: the voter asked for a code (every voter who voted did), a boolean with no time, set before
            // any ballot and in another transaction than the cast's, so it tells neither when nor what (docs/security.md)
            "voting.voter", Set.of("id uuid", "election_id character varying", "registrant_id uuid",
                    "credential_hash character", "has_voted boolean", "struck_off_at timestamp with time zone",
                    "signed_in boolean"));

    /** Where a receipt may be kept: the box itself. */
    private static final Set<String> RECEIPT_HOLDERS = Set.of("voting.ballot_intake", "voting.box_entry");
    private static final List<String> SCHEMAS = List.of("voting", "registration", "notifications");

    private BallotSecrecyDrill() {
    }

    /**
     * @param election an election in VOTING, with ballots cast
     * @param cast the grades of each ballot cast, by name, in candidate order
     * @param scale the election's grades, worst first
     * @return what would let someone with the database read a ballot, link it or count early; empty when nothing
     */
    public static List<String> problems(DataSource dataSource, String election, List<List<String>> cast, List<String> scale)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            columnsAreAllowListed(db, problems);
            nothingRefersToTheBox(db, problems);
            List<String> receipts = strings(db, "SELECT receipt FROM voting.box_entry WHERE election_id = ? UNION "
                    + "SELECT receipt FROM voting.ballot_intake WHERE election_id = ?", election, election);
            if (receipts.size() != cast.size()) {
                problems.add("the box holds " + receipts.size() + " receipts for " + cast.size() + " ballots cast");
            }
            List<String> plaintexts = new ArrayList<>();
            for (List<String> ballot : cast) {
                List<String> numbers = ballot.stream().map(grade -> String.valueOf(scale.indexOf(grade))).toList();
                plaintexts.add(String.join(",", ballot));
                plaintexts.add("[\"" + String.join("\",\"", ballot) + "\"]");
                plaintexts.add("[" + String.join(",", numbers) + "]");
            }
            for (String[] column : textColumns(db)) {
                String table = column[0];
                for (String receipt : receipts) {
                    if (!RECEIPT_HOLDERS.contains(table) && contains(db, table, column[1], receipt)) {
                        problems.add(table + "." + column[1] + " holds the receipt " + receipt.substring(0, 12)
                                + "…: it names a ballot of the box outside the box");
                    }
                }
                for (String plaintext : plaintexts) {
                    if (contains(db, table, column[1], plaintext)) {
                        problems.add(table + "." + column[1] + " holds a cast ballot in plaintext: " + plaintext);
                    }
                }
            }
            for (String grade : scale) {
                long found = count(db, "SELECT count(*) FROM voting.box_entry WHERE election_id = ? AND position(convert_to(?, "
                        + "'UTF8') IN encrypted) > 0", election, grade)
                        + count(db, "SELECT count(*) FROM voting.ballot_intake WHERE election_id = ? AND "
                        + "position(convert_to(?, 'UTF8') IN encrypted) > 0", election, grade);
                if (found > 0) {
                    problems.add(found + " encrypted ballots contain the grade's name '" + grade + "'");
                }
            }
            noPartialCount(db, election, problems);
            sentMessagesKeepNothing(db, problems);
        }
        return problems;
    }

    private static void columnsAreAllowListed(Connection db, List<String> problems) throws SQLException {
        Map<String, Set<String>> found = new TreeMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT table_schema || '.' || table_name, column_name || ' ' || "
                + "data_type FROM information_schema.columns WHERE table_schema = 'voting'");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                found.computeIfAbsent(rows.getString(1), k -> new TreeSet<>()).add(rows.getString(2));
            }
        }
        ALLOWED_COLUMNS.forEach((table, allowed) -> {
            Set<String> columns = found.getOrDefault(table, Set.of());
            if (!columns.equals(new TreeSet<>(allowed))) {
                Set<String> added = new TreeSet<>(columns);
                added.removeAll(allowed);
                Set<String> gone = new TreeSet<>(allowed);
                gone.removeAll(columns);
                problems.add(table + " is not what the allow-list says: added " + added + ", gone " + gone
                        + " (a voter, a credential or a time next to a ballot breaks its secrecy: docs/security.md)");
            }
        });
    }

    private static void nothingRefersToTheBox(Connection db, List<String> problems) throws SQLException {
        List<String> references = strings(db, "SELECT tc.table_schema || '.' || tc.table_name || ' -> ' || ccu.table_name "
                + "FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu "
                + "ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema "
                + "WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_schema = 'voting' "
                + "AND ccu.table_name IN ('ballot_intake', 'box_entry', 'counted_ballot', 'voter')");
        for (String reference : references) {
            problems.add("a foreign key refers to a ballot or a voter's mark: " + reference);
        }
        List<String> named = strings(db, "SELECT table_schema || '.' || table_name || '.' || column_name "
                + "FROM information_schema.columns WHERE table_schema IN ('voting', 'registration', 'notifications') "
                + "AND (column_name LIKE '%receipt%' OR column_name LIKE '%ballot%') "
                + "AND table_name NOT IN ('ballot_intake', 'box_entry', 'box_checkpoint', 'counted_ballot', 'election')");
        for (String column : named) {
            problems.add("a column outside the box is named after ballots or receipts: " + column);
        }
    }

    private static void noPartialCount(Connection db, String election, List<String> problems) throws SQLException {
        if (count(db, "SELECT count(*) FROM voting.counted_ballot WHERE election_id = ?", election) > 0) {
            problems.add("counted ballots exist while voting is open");
        }
        if (count(db, "SELECT count(*) FROM voting.election WHERE id = ? AND (result_json IS NOT NULL "
                + "OR counted_at IS NOT NULL OR state <> 'VOTING')", election) > 0) {
            problems.add("the election is not in VOTING without a result");
        }
        if (count(db, "SELECT count(*) FROM voting.result_version WHERE election_id = ?", election) > 0) {
            problems.add("a result version exists while voting is open");
        }
        long shares = count(db, "SELECT count(*) FROM voting.trustee WHERE election_id = ? AND sealed_share IS NOT NULL",
                election);
        if (shares > 0) {
            problems.add(shares + " trustees' shares of the election key are still in the database after the downloads");
        }
        if (count(db, "SELECT count(*) FROM voting.election WHERE id = ? AND credential_key IS NOT NULL", election) > 0) {
            problems.add("the key that derives the voting links is still kept after the opening");
        }
        List<String> keys = strings(db, "SELECT table_schema || '.' || table_name || '.' || column_name "
                + "FROM information_schema.columns WHERE table_schema IN ('voting', 'registration', 'notifications') "
                + "AND (column_name LIKE '%private%' OR column_name LIKE '%secret%')");
        for (String key : keys) {
            // the demo's checkpoint signing key and the console accounts' TOTP secrets are not the election key
            if (!key.equals("voting.demo_signing_key.private_key") && !key.startsWith("voting.admin_account.totp_")) {
                problems.add("a column may hold a private key: " + key + " (the election key's private half is never stored)");
            }
        }
    }

    /**
     * The outbox forgets what a message carried once it came to an end: a voting link's credential, a
     * receipt next to its recipient (notifications V7). Only the demo console's rendered copy stays: there
     * the outbox is the recipient's mailbox, and production refuses that channel.
     */
    private static void sentMessagesKeepNothing(Connection db, List<String> problems) throws SQLException {
        if (count(db, "SELECT count(*) FROM notifications.outbox WHERE status = 'SENT'") == 0) {
            problems.add("no message was sent: the drill cannot tell whether sent messages keep their parameters");
        }
        long kept = count(db, "SELECT count(*) FROM notifications.outbox WHERE status NOT IN ('PENDING', 'SENDING')"
                + " AND (parameters <> '{}' OR (rendered_text IS NOT NULL AND provider IS DISTINCT FROM 'console'))");
        if (kept > 0) {
            problems.add(kept + " messages that came to an end keep their parameters or a provider's rendered text"
                    + " (a voting link, a receipt next to its recipient)");
        }
    }

    private static List<String[]> textColumns(Connection db) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT table_schema || '.' || table_name, column_name "
                + "FROM information_schema.columns c WHERE table_schema IN ('voting', 'registration', 'notifications') "
                + "AND data_type IN ('text', 'character varying', 'character') AND EXISTS (SELECT 1 FROM "
                + "information_schema.tables t WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name "
                + "AND t.table_type = 'BASE TABLE') ORDER BY 1, 2");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                columns.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        if (columns.size() < 50 || !SCHEMAS.stream().allMatch(s -> columns.stream().anyMatch(c -> c[0].startsWith(s + ".")))) {
            throw new IllegalStateException("the drill does not see the three schemas' columns: " + columns.size());
        }
        return columns;
    }

    private static boolean contains(Connection db, String table, String column, String text) throws SQLException {
        return count(db, "SELECT count(*) FROM " + table + " WHERE position(? IN \"" + column + "\") > 0", text) > 0;
    }

    private static long count(Connection db, String sql, String... parameters) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> strings(Connection db, String sql, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
