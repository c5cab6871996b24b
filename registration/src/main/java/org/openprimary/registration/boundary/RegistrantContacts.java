package org.openprimary.registration.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openprimary.notifications.boundary.Channel;

/**
 * The contacts of a group of an election's registrants on one channel, for an organizer's campaign:
 * only addresses the registrant verified, except the email of one still verifying (the group of
 * those who have not finished). Only the five columns a message needs leave the module, in a stable
 * order, read in one statement (a national roll is hundreds of thousands of rows).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class RegistrantContacts {

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    /**
     * The next page of the group's registrants who can be reached on the channel, each with that one
     * contact, in the order of their ids: those after {@code afterId} ({@code null} for the first page),
     * at most {@code limit}. Paging keeps a national roll out of memory.
     */
    @SuppressWarnings("unchecked")
    public List<RollVoter> page(UUID electionId, ContactGroup group, Channel channel, UUID afterId, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, first_name, phone_e164, email, language"
                        + " FROM registration.registrant WHERE " + where(group, channel) + " AND id > ?2 ORDER BY id LIMIT ?3")
                .setParameter(1, electionId.toString()).setParameter(2, afterId == null ? "" : afterId.toString())
                .setParameter(3, limit).getResultList();
        List<RollVoter> contacts = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            contacts.add(new RollVoter(UUID.fromString((String) row[0]), (String) row[1],
                    channel == Channel.SMS ? Optional.of((String) row[2]) : Optional.empty(),
                    channel == Channel.EMAIL ? Optional.of((String) row[3]) : Optional.empty(), (String) row[4]));
        }
        return contacts;
    }

    /** How many registrants of the group can be reached on the channel. */
    public long count(UUID electionId, ContactGroup group, Channel channel) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM registration.registrant WHERE "
                        + where(group, channel))
                .setParameter(1, electionId.toString()).getSingleResult()).longValue();
    }

    /** The condition on {@code registration.registrant} ({@code ?1} the election), from constants only. */
    static String where(ContactGroup group, Channel channel) {
        String status = switch (group) {
            case REGISTERED -> "status IN ('PENDING', 'ON_ROLL')";
            case ON_ROLL -> "status = 'ON_ROLL'";
            case UNVERIFIED -> "status = 'PENDING'";
        };
        String reachable = channel == Channel.SMS
                ? "phone_e164 IS NOT NULL AND phone_verified_at IS NOT NULL"
                : group == ContactGroup.UNVERIFIED ? "email IS NOT NULL"
                        : "email IS NOT NULL AND email_verified_at IS NOT NULL";
        // a registrant who asked for erasure after the seal gets no more campaign messages
        return "election_id = ?1 AND " + status + " AND " + reachable + " AND erasure_requested_at IS NULL";
    }
}
