package org.openprimary.registration.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;
import org.openprimary.common.ConflictException;
import org.openprimary.common.NotFoundException;
import org.openprimary.notifications.boundary.DeliverabilityView;
import org.openprimary.notifications.boundary.DeliveryService;
import org.openprimary.registration.control.RollLedger;
import org.openprimary.registration.entity.Registrant;
import org.openprimary.registration.entity.RegistrantStatus;
import org.openprimary.registration.entity.RegistrationWindow;

/**
 * An election's registration funnel (counts from its roll ledger, with the deliverability that
 * notifications computes), and the organizer's "resend to failed only": a new email link to every
 * registrant whose last one was not delivered, under the citizen's own limit.
 */
@Stateless
public class RegistrationFunnel {

    private static final Logger LOG = Logger.getLogger(RegistrationFunnel.class.getName());

    /** Registrants looked at per transaction by {@link #resendFailedEmailLinks}. */
    static final int BATCH = 500;

    /**
     * The ledger's entries of an election grouped by kind and detail: a few dozen groups whatever the
     * roll's size (every detail is a fixed text or a reason code), read from roll_ledger_funnel_idx.
     */
    static final String COUNTS = "SELECT kind, detail, count(*) FROM registration.roll_ledger WHERE election_id = ?1"
            + " AND kind IN ('REGISTERED', 'MEMBER_IMPORTED', 'FACTOR_VERIFIED', 'ADDED_TO_ROLL', 'REFUSED_DUPLICATE',"
            + " 'WITHDRAWN', 'WITHDRAWN_FROM_ROLL', 'STRUCK_OFF', 'REINSTATED', 'FEE_PAID', 'FEE_REFUND_DUE')"
            + " GROUP BY kind, detail LIMIT 200";

    static final String ROLL_SIZE = "SELECT roll_size FROM registration.roll_ledger WHERE election_id = ?1"
            + " ORDER BY seq DESC LIMIT 1";

    /** The next registrants whose email is not verified yet (registrant_email_unverified_idx). */
    static final String UNVERIFIED = "SELECT id, email FROM registration.registrant WHERE election_id = ?1"
            + " AND email IS NOT NULL AND email_verified_at IS NULL AND status = 'PENDING' AND id > ?2"
            + " ORDER BY id LIMIT ?3";

    static final String EMAIL_LINK = "registration.email-link";

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @EJB
    DeliveryService delivery;

    @EJB
    RegistrationService registration;

    @EJB
    RollLedger ledger;

    @Resource
    SessionContext context;

    /** The funnel of an election whose registration has opened, with deliverability over the last hours (1 to 168). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public FunnelView funnel(UUID electionId, int hours) {
        DeliverabilityView deliverability = delivery.deliverability(hours);
        RegistrationWindow window = window(electionId);
        ledger.settle(electionId); // what registrations recorded a moment ago is counted too
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COUNTS).setParameter(1, electionId.toString()).getResultList();
        return funnel(window, rows, rollSize(electionId), deliverability);
    }

    /** The funnel from the ledger's counts per kind and detail. */
    static FunnelView funnel(RegistrationWindow window, List<Object[]> rows, long onRoll, DeliverabilityView delivery) {
        long started = 0;
        long reachedRoll = 0;
        long withdrawn = 0;
        long reinstated = 0;
        long feesPaid = 0;
        long refundsDue = 0;
        Map<String, Long> verified = new LinkedHashMap<>();
        for (Factor factor : Factor.values()) {
            verified.put(factor.name(), 0L);
        }
        Map<String, Long> refused = new TreeMap<>();
        Map<String, Long> struckOff = new TreeMap<>();
        for (Object[] row : rows) {
            String kind = (String) row[0];
            String detail = (String) row[1];
            long count = ((Number) row[2]).longValue();
            switch (kind) {
                case "REGISTERED", "MEMBER_IMPORTED" -> started += count;
                case "FACTOR_VERIFIED" -> verified.merge(detail, count, Long::sum);
                case "ADDED_TO_ROLL" -> reachedRoll += count;
                case "WITHDRAWN", "WITHDRAWN_FROM_ROLL" -> withdrawn += count;
                case "REINSTATED" -> reinstated += count;
                case "FEE_PAID" -> feesPaid += count;
                case "FEE_REFUND_DUE" -> refundsDue += count;
                case "REFUSED_DUPLICATE" -> refused.merge(detail.contains("card") ? "DUPLICATE_CARD"
                        : "DUPLICATE_IDENTIFIER", count, Long::sum);
                case "STRUCK_OFF" -> struckOff.merge(detail.replaceFirst("^struck off: ", ""), count, Long::sum);
                default -> { }
            }
        }
        return new FunnelView(window.electionId().toString(), window.electionTitle(), window.isOpen(), started,
                verified, reachedRoll, onRoll, withdrawn, reasons(refused), reasons(struckOff), reinstated, delivery,
                new FeeTotals(window.electionId().toString(), window.feeCents(), window.feeCurrency(), feesPaid,
                        refundsDue, (feesPaid - refundsDue) * window.feeCents()));
    }

    private static List<FunnelView.Reason> reasons(Map<String, Long> counts) {
        List<FunnelView.Reason> reasons = new ArrayList<>();
        counts.forEach((reason, count) -> reasons.add(new FunnelView.Reason(reason, count)));
        return reasons;
    }

    /**
     * "Resend to failed only": for an election whose registration is open, a new email link to each
     * registrant not yet on the roll whose email is unverified and whose last link was not delivered
     * (dead in the outbox, or reported undelivered). The previous link stops working, as when the
     * citizen asks; a registrant who was already sent the most links allowed is counted, not sent
     * another. Once resent, the newest link is no longer a failed one, so running this again resends
     * only to those whose new link failed too. One transaction per {@value #BATCH} registrants.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public FunnelView.Resent resendFailedEmailLinks(UUID electionId, String organizer) {
        if (!window(electionId).isOpen()) {
            throw new ConflictException("id", "registration is closed for this election: no link is sent any more");
        }
        RegistrationFunnel self = context.getBusinessObject(RegistrationFunnel.class);
        String after = "";
        long[] totals = new long[4];
        while (true) {
            Batch batch = self.resendBatch(electionId, after);
            totals[0] += batch.checked();
            totals[1] += batch.failed();
            totals[2] += batch.resent();
            totals[3] += batch.atLimit();
            if (batch.last() == null) {
                break;
            }
            after = batch.last();
        }
        FunnelView.Resent resent = new FunnelView.Resent(totals[0], totals[1], totals[2], totals[3]);
        LOG.info(() -> "Organizer " + organizer + " resent the failed email links of election " + electionId + ": "
                + resent);
        return resent;
    }

    /** One page of {@link #resendFailedEmailLinks}; {@code last} is null after the last page. */
    public record Batch(String last, long checked, long failed, long resent, long atLimit) {
    }

    /** One page of registrants after {@code after} (by id), in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Batch resendBatch(UUID electionId, String after) {
        @SuppressWarnings("unchecked")
        List<Object[]> page = em.createNativeQuery(UNVERIFIED).setParameter(1, electionId.toString())
                .setParameter(2, after).setParameter(3, BATCH).getResultList();
        if (page.isEmpty()) {
            return new Batch(null, 0, 0, 0, 0);
        }
        Map<String, String> idByEmail = new LinkedHashMap<>();
        page.forEach(row -> idByEmail.put((String) row[1], (String) row[0]));
        Set<String> failed = delivery.lastFailed(EMAIL_LINK, idByEmail.keySet());
        long resent = 0;
        long atLimit = 0;
        for (String email : failed) {
            Registrant registrant = em.find(Registrant.class, idByEmail.get(email), LockModeType.PESSIMISTIC_WRITE);
            if (registrant == null || registrant.status() != RegistrantStatus.PENDING
                    || registrant.isVerified(Factor.EMAIL)) {
                continue; // withdrew or verified meanwhile
            }
            if (registrant.emailLinksSent() >= RegistrationService.MAX_EMAIL_LINKS) {
                atLimit++;
                continue;
            }
            registration.sendEmailLinkForSupport(registrant.id());
            resent++;
        }
        String last = page.size() < BATCH ? null : (String) page.get(page.size() - 1)[0];
        return new Batch(last, page.size(), failed.size(), resent, atLimit);
    }

    private long rollSize(UUID electionId) {
        List<?> size = em.createNativeQuery(ROLL_SIZE).setParameter(1, electionId.toString()).getResultList();
        return size.isEmpty() ? 0 : ((Number) size.get(0)).longValue();
    }

    private RegistrationWindow window(UUID electionId) {
        RegistrationWindow window = electionId == null ? null : em.find(RegistrationWindow.class, electionId.toString());
        if (window == null) {
            throw new NotFoundException("id", "registration has not opened for this election (or there is no such"
                    + " election)");
        }
        return window;
    }
}
