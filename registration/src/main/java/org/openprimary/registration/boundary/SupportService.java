package org.openprimary.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.openprimary.common.ConflictException;
import org.openprimary.common.NotFoundException;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.notifications.boundary.OutboxView;
import org.openprimary.registration.control.PhoneVerification;
import org.openprimary.registration.control.PhoneVerifier;
import org.openprimary.registration.control.SupportMasks;
import org.openprimary.registration.entity.CallNote;
import org.openprimary.registration.entity.ConsoleCode;
import org.openprimary.registration.entity.HelpCode;
import org.openprimary.registration.entity.Registrant;
import org.openprimary.registration.entity.RegistrantStatus;
import org.openprimary.registration.entity.RegistrationWindow;

/**
 * The hotline's side of registration (docs/support.md): a volunteer finds a registration by the
 * help code the citizen reads out, sees it with masked personal data and the delivery of its
 * messages, sends a new phone code or email link (under the same limits as the citizen), and notes
 * the call. Nothing here reaches a ballot, a full phone number or address, a code or a link.
 */
@Stateless
public class SupportService {

    private static final Logger LOG = Logger.getLogger(SupportService.class.getName());

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    NotificationService notifications;

    @EJB
    PhoneVerification phoneVerification;

    @EJB
    RegistrationService registration;

    /** The registration behind a help code, as a volunteer may see it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public SupportCase lookUp(String helpCode, String operator) {
        Registrant registrant = find(helpCode, LockModeType.NONE);
        RegistrationWindow window = em.find(RegistrationWindow.class, registrant.electionId().toString());
        Set<Factor> required = window.requiredFactors();
        List<SupportCase.FactorState> factors = new ArrayList<>();
        for (Factor factor : Factor.values()) {
            if (required.contains(factor) || registrant.isVerified(factor)) {
                factors.add(new SupportCase.FactorState(factor.name(), required.contains(factor),
                        registrant.isVerified(factor), registrant.verifiedAt(factor).orElse(null)));
            }
        }
        List<SupportCase.MessageState> messages = new ArrayList<>();
        registrant.email().ifPresent(address -> notifications.history(address).forEach(m -> messages.add(state(m))));
        registrant.phone().ifPresent(phone -> notifications.history(phone).forEach(m -> messages.add(state(m))));
        messages.sort(java.util.Comparator.comparing(SupportCase.MessageState::createdAt).reversed());
        List<SupportCase.PhoneCodeSend> codes = !phoneVerification.isStandIn() ? null
                : registrant.phone().map(phone -> em.createNamedQuery(ConsoleCode.FIND_FOR_PHONE, ConsoleCode.class)
                        .setParameter("phone", phone).setMaxResults(50).getResultList().stream()
                        .map(c -> new SupportCase.PhoneCodeSend(c.channel(), c.createdAt())).toList())
                        .orElse(List.of());
        LOG.info(() -> "Operator " + operator + " looked up the registration with help code "
                + registrant.helpCode().map(HelpCode::display).orElse("?"));
        return new SupportCase(registrant.helpCode().map(HelpCode::display).orElse(null), registrant.id().toString(),
                registrant.electionId().toString(), window.electionTitle(),
                SupportMasks.name(registrant.firstName(), registrant.lastName()),
                registrant.phone().map(SupportMasks::phone).orElse(null),
                registrant.email().map(SupportMasks::email).orElse(null), registrant.language(),
                registrant.status().name(), registrant.status() == RegistrantStatus.ON_ROLL, window.isOpen(),
                registrant.registeredAt(), registrant.onRollAt().orElse(null), factors, messages, codes,
                notes(registrant), struckOffReason(registrant));
    }

    /**
     * Sends the registrant a new phone code, by SMS or voice call, under the limits a citizen's own
     * request meets (5 sends per number in 10 minutes: 429 with Retry-After beyond).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void resendPhoneCode(String helpCode, String channel, String operator) {
        Registrant registrant = find(helpCode, LockModeType.NONE);
        requireOpen(registrant);
        if (registrant.phone().isEmpty()) {
            throw new ConflictException("phone", "this registration has no phone number");
        }
        if (registrant.isVerified(Factor.PHONE)) {
            throw new ConflictException("phone", "this phone number is already verified");
        }
        PhoneVerifier.Channel way = channel == null || channel.isBlank() || channel.strip().equalsIgnoreCase("sms")
                ? PhoneVerifier.Channel.SMS : channel.strip().equalsIgnoreCase("call") ? PhoneVerifier.Channel.CALL
                : null;
        if (way == null) {
            throw new org.openprimary.common.InvalidInputException("channel", "the channel is 'sms' or 'call'");
        }
        PhoneVerifier.Channel reaching = PhoneVerifier.reaching(registrant.phone().get(), way);
        phoneVerification.verifier().send(registrant.phone().get(), reaching, registrant.language());
        LOG.info(() -> "Operator " + operator + " had a phone code sent (" + reaching.wire() + ") to the registration with"
                + " help code " + registrant.helpCode().map(HelpCode::display).orElse("?"));
    }

    /** Sends the registrant a new email link (the previous one stops working), at most 5 per registration. */
    public void resendEmailLink(String helpCode, String operator) {
        Registrant registrant = find(helpCode, LockModeType.NONE);
        registration.sendEmailLinkForSupport(registrant.id());
        LOG.info(() -> "Operator " + operator + " had an email link sent to the registration with help code "
                + registrant.helpCode().map(HelpCode::display).orElse("?"));
    }

    /** Adds a note of the call (at most 1000 characters), with the volunteer's name and the time; notes are never edited. */
    public List<SupportCase.CallNoteView> addNote(String helpCode, String text, String operator) {
        Registrant registrant = find(helpCode, LockModeType.NONE);
        em.persist(new CallNote(registrant.id(), operator, text, clock.instant()));
        em.flush();
        LOG.info(() -> "Operator " + operator + " noted a call about the registration with help code "
                + registrant.helpCode().map(HelpCode::display).orElse("?"));
        return notes(registrant);
    }

    /** The notes of calls about a registration, oldest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SupportCase.CallNoteView> notes(String helpCode) {
        return notes(find(helpCode, LockModeType.NONE));
    }

    private List<SupportCase.CallNoteView> notes(Registrant registrant) {
        return em.createNamedQuery(CallNote.FIND_BY_REGISTRANT, CallNote.class)
                .setParameter("registrant", registrant.id().toString()).getResultList().stream()
                .map(n -> new SupportCase.CallNoteView(n.id(), n.operator(), n.text(), n.createdAt())).toList();
    }

    /** Why the registrant was struck off the roll (a reason code), or null when they were not. */
    private String struckOffReason(Registrant registrant) {
        if (registrant.status() != RegistrantStatus.STRUCK_OFF) {
            return null;
        }
        List<?> reason = em.createNativeQuery("SELECT struck_off_reason FROM registration.registrant WHERE id = ?1")
                .setParameter(1, registrant.id().toString()).getResultList();
        return reason.isEmpty() || reason.get(0) == null ? null : reason.get(0).toString();
    }

    private static SupportCase.MessageState state(OutboxView m) {
        return new SupportCase.MessageState(m.channel(), SupportMasks.recipient(m.recipient()), m.template(), m.status(),
                m.attempts(), m.createdAt(), m.sentAt(), m.delivery(), SupportMasks.text(m.lastError(), m.recipient()));
    }

    private void requireOpen(Registrant registrant) {
        RegistrationWindow window = em.find(RegistrationWindow.class, registrant.electionId().toString());
        if (window == null || !window.isOpen()) {
            throw new ConflictException("helpCode", "registration is closed for this election: the roll is frozen and"
                    + " no code is sent any more");
        }
    }

    private Registrant find(String helpCode, LockModeType lock) {
        HelpCode code = HelpCode.parse(helpCode, "helpCode");
        return em.createNamedQuery(Registrant.FIND_BY_HELP_CODE, Registrant.class)
                .setParameter("code", code.value()).setLockMode(lock).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("helpCode", "no registration has the help code "
                        + code.display() + "; ask the citizen to read it again from their registration page"));
    }
}
