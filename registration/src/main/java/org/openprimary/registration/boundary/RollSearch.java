package org.openprimary.registration.boundary;

import static org.openprimary.common.persistence.NativeTimes.instant;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.openprimary.common.NotFoundException;
import org.openprimary.registration.control.RollQuery;
import org.openprimary.registration.control.SupportMasks;
import org.openprimary.registration.entity.HelpCode;
import org.openprimary.registration.entity.RegistrationWindow;

/**
 * The console's search of one election's registrants (docs/strike-offs.md, "Finding a registrant"):
 * by help code, the phone's last digits, the beginning of the email address or of the name, accents
 * and case ignored ({@link RollQuery}). Each search is a range scan of one index (V10__roll_search.sql) and returns
 * at most {@link #MAX_RESULTS} registrants, with masked personal data only, as the hotline sees
 * them. Who may search is the caller's business (admin-web); the query itself is never logged.
 */
@Stateless
public class RollSearch {

    public static final int MAX_RESULTS = 50;

    private static final Logger LOG = Logger.getLogger(RollSearch.class.getName());
    private static final String SELECT = "SELECT id, help_code, first_name, last_name, phone_e164, email, status,"
            + " phone_verified_at, email_verified_at, card_verified_at, struck_off_reason, struck_off_at, registered_at,"
            + " on_roll_at, member_id FROM registration.registrant WHERE election_id = ? AND ";

    private static final String FOLD = "registration.fold(?)";
    private static final String FOLDED_LAST = "registration.fold(last_name)";
    private static final String FOLDED_FIRST = "registration.fold(first_name)";

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    /** The registrants of this election that the query finds; 404 on {@code id} for an election without a roll. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public RollSearchResult search(UUID electionId, String q, String staff) {
        RegistrationWindow window = electionId == null ? null
                : em.find(RegistrationWindow.class, electionId.toString());
        RollQuery query = RollQuery.parse(q);
        if (window == null) {
            throw new NotFoundException("id", "no election with this id has a roll (its registration never opened)");
        }
        List<Object> parameters = new ArrayList<>(List.of(electionId.toString()));
        String condition = switch (query.kind()) {
            case ID -> {
                parameters.add(query.value());
                yield "id = ?";
            }
            case HELP_CODE -> {
                parameters.add(query.value());
                yield "help_code = ?";
            }
            case PHONE -> {
                parameters.add(RollQuery.prefix(new StringBuilder(query.value()).reverse().toString()));
                yield "reverse(phone_e164) LIKE ?";
            }
            case EMAIL -> {
                parameters.add(RollQuery.prefix(query.value()));
                yield "lower(email) LIKE ?";
            }
            case NAME -> {
                // accents and case ignored on both sides (V12__accent_insensitive_roll_search.sql)
                if (query.second() == null) {
                    parameters.add(RollQuery.prefix(query.value()));
                    yield FOLDED_LAST + " LIKE " + FOLD;
                }
                String first = RollQuery.prefix(query.value());
                String second = RollQuery.prefix(query.second());
                parameters.addAll(List.of(first, second, second, first, RollQuery.prefix(query.value() + " "
                        + query.second())));
                yield "((" + FOLDED_FIRST + " LIKE " + FOLD + " AND " + FOLDED_LAST + " LIKE " + FOLD + ")"
                        + " OR (" + FOLDED_FIRST + " LIKE " + FOLD + " AND " + FOLDED_LAST + " LIKE " + FOLD + ") OR "
                        + FOLDED_LAST + " LIKE " + FOLD + ")";
            }
        };
        Query sql = em.createNativeQuery(SELECT + condition
                + " ORDER BY lower(last_name), lower(first_name), id LIMIT " + (MAX_RESULTS + 1));
        for (int i = 0; i < parameters.size(); i++) {
            sql.setParameter(i + 1, parameters.get(i));
        }
        List<Object[]> rows = sql.getResultList();
        Set<Factor> required = window.requiredFactors();
        List<RollEntry> found = rows.stream().limit(MAX_RESULTS).map(row -> entry(row, required)).toList();
        LOG.info(() -> "Staff " + staff + " searched the roll of " + electionId + " by " + query.kind() + ": "
                + found.size() + (rows.size() > MAX_RESULTS ? "+" : "") + " found");
        return new RollSearchResult(query.kind().name(), found, rows.size() > MAX_RESULTS);
    }

    private static RollEntry entry(Object[] row, Set<Factor> required) {
        String status = (String) row[6];
        List<String> missing = new ArrayList<>();
        if ("PENDING".equals(status)) {
            Object[] verifiedAt = {row[7], row[8], row[9]};
            Factor[] factors = {Factor.PHONE, Factor.EMAIL, Factor.CARD};
            for (int i = 0; i < factors.length; i++) {
                if (required.contains(factors[i]) && verifiedAt[i] == null) {
                    missing.add(factors[i].name());
                }
            }
        }
        String helpCode = row[1] == null ? null : new HelpCode(((String) row[1]).strip()).display();
        return new RollEntry((String) row[0], helpCode, SupportMasks.name((String) row[2], (String) row[3]),
                row[4] == null ? null : SupportMasks.phone((String) row[4]),
                row[5] == null ? null : SupportMasks.email((String) row[5]), status, missing, (String) row[10],
                instant(row[11]), instant(row[12]), instant(row[13]), row[14] != null);
    }

}
