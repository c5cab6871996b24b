package org.openprimary.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.ServiceUnavailableException;
import org.openprimary.common.TooManyRequestsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.NotFoundException;
import org.openprimary.notifications.boundary.Channel;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.notifications.boundary.OutgoingMessage;
import org.openprimary.registration.control.CardProvider;
import org.openprimary.registration.control.CardVerifier;
import org.openprimary.registration.control.FeeCollector;
import org.openprimary.registration.control.MemberList;
import org.openprimary.registration.control.PhoneVerification;
import org.openprimary.registration.control.PhoneVerifier;
import org.openprimary.registration.control.RegistrationGuards;
import org.openprimary.registration.control.Registrations;
import org.openprimary.registration.control.RollLedger;
import org.openprimary.registration.control.Tokens;
import org.openprimary.registration.entity.ConsoleCode;
import org.openprimary.registration.entity.EmailAddress;
import org.openprimary.registration.entity.FeePayment;
import org.openprimary.registration.entity.LedgerEntry;
import org.openprimary.registration.entity.PhoneNumber;
import org.openprimary.registration.entity.Registrant;
import org.openprimary.registration.entity.RegistrationWindow;

/**
 * The registration module's facade. The voting module hands it each election's registration
 * terms; citizens register and verify their factors; every change of a count is a ledger entry.
 * Registration never calls voting.
 */
@Stateless
public class RegistrationService {

    /** Said to anyone whose phone, email or card is already on the roll: nothing about the other registrant. */
    static final String DUPLICATE = "this registration cannot be accepted: one of the details given is already"
            + " used for this election. If you registered before, resume your registration from the link you received.";

    private static final Logger LOG = Logger.getLogger(RegistrationService.class.getName());

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    CardProvider cardProvider;

    @EJB
    RollLedger ledger;

    @EJB
    Registrations registrations;

    @EJB
    PhoneVerification phoneVerification;

    @EJB
    RegistrationGuards guards;

    @EJB
    NotificationService notifications;

    @EJB
    org.openprimary.registration.control.HelpCodes helpCodes;

    @EJB
    RetentionService retention;

    @EJB
    CarryOverService carryOver;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "openprimary.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    static final int MAX_EMAIL_LINKS = 5;

    /** Who checks the card imprint: {@code stripe}, or the demo's {@code demo} stand-in. */
    public String cardProvider() {
        return cardProvider.provider();
    }

    /**
     * Opens an election's registration and starts its roll's ledger. Joins the caller's
     * transaction, so the election's state and the ledger change together or not at all.
     */
    public void openRegistration(RegistrationTerms terms) {
        if (em.find(RegistrationWindow.class, terms.electionId().toString()) != null) {
            throw new ConflictException("id", "the registration of election " + terms.electionId() + " is already open");
        }
        em.persist(new RegistrationWindow(terms));
        em.flush();
        em.persist(LedgerEntry.first(terms.electionId(), LedgerEntry.Kind.REGISTRATION_OPENED,
                "registration opened", terms.openedAt()));
    }

    /** Said to anyone who tries to register to a second round. */
    static final String SECOND_ROUND = "this election is a second round: its roll is the first round's, so nobody"
            + " registers to it";

    /**
     * Opens a second round's registration with its first round's frozen roll, in the caller's
     * transaction (the voting module's opening): the window names the first round and counts its
     * voters to carry over; the copies themselves are made after this transaction commits, in
     * batches of their own ({@link CarryOverService}): every voter on the first round's roll is
     * carried over (same contacts, card hash and verified factors, so they get their voting links and
     * codes), one {@code CARRIED_OVER} ledger entry each; a voter who asked for the erasure of their
     * data after the first round's seal is not, and a {@code NOT_CARRIED_OVER} entry says so. Nobody
     * registers to the second round, and its registration does not close before the carry-over is done.
     *
     * @return how many of the first round's voters are to be carried over or left out
     */
    public long carryOverRoll(RegistrationTerms terms, UUID firstRound) {
        RegistrationWindow first = firstRound == null ? null
                : em.find(RegistrationWindow.class, firstRound.toString(), LockModeType.PESSIMISTIC_READ);
        if (first == null) {
            throw new NotFoundException("firstRoundId", "no election with this id has a registration");
        }
        if (first.isOpen()) {
            throw new ConflictException("firstRoundId", "the first round's roll is not frozen yet");
        }
        if (first.purgedAt().isPresent()) {
            throw new ConflictException("firstRoundId", "the first round's personal data were purged: its roll"
                    + " cannot be carried over");
        }
        if (em.find(RegistrationWindow.class, terms.electionId().toString()) != null) {
            throw new ConflictException("id", "the registration of election " + terms.electionId() + " is already open");
        }
        long voters = em.createNamedQuery(Registrant.COUNT_ON_ROLL, Long.class)
                .setParameter("election", firstRound.toString())
                .setParameter("onRoll", org.openprimary.registration.entity.RegistrantStatus.ON_ROLL)
                .getSingleResult();
        em.persist(new RegistrationWindow(terms).carriedFrom(firstRound, voters));
        em.flush();
        em.persist(LedgerEntry.first(terms.electionId(), LedgerEntry.Kind.REGISTRATION_OPENED,
                "registration opened: second round of " + firstRound + ", roll carried over", terms.openedAt()));
        em.flush();
        UUID second = terms.electionId();
        CarryOverService carrier = carryOver;
        afterCommit(() -> executor.execute(() -> carrier.carry(second)));
        LOG.info(() -> "Second round " + second + ": " + voters + " voters to carry over from " + firstRound
                + ", in batches");
        return voters;
    }

    /** Runs {@code then} once the caller's transaction has committed (never if it rolls back). */
    private void afterCommit(Runnable then) {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    try {
                        then.run();
                    } catch (RuntimeException e) {
                        // the carry-over timer takes it up at its next tick
                        LOG.log(java.util.logging.Level.WARNING, "The carry-over could not be started now", e);
                    }
                }
            }
        });
    }

    /** The first round whose roll this election's roll is, if it is a second round. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Optional<UUID> carriedFrom(UUID electionId) {
        return window(electionId).carriedFrom();
    }

    /**
     * Closes an election's registration and freezes its roll, in the caller's transaction (the
     * voting module's seal proposal): the ledger's last entry then commits to the whole roll. A
     * second round's registration closes only once its roll is carried over whole.
     */
    public RollCommitment closeRegistration(UUID electionId, Instant at) {
        RegistrationWindow window = em.find(RegistrationWindow.class, electionId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (window == null) {
            throw new NotFoundException("electionId", "no election with this id has a registration");
        }
        java.util.Optional<CarryOverProgress> carrying = window.carryOver().filter(c -> !c.done());
        if (carrying.isPresent()) {
            throw new ConflictException("electionId", "the first round's roll is still being carried over ("
                    + carrying.get().handled() + " of " + carrying.get().total() + " voters): registration closes"
                    + " once it is done");
        }
        window.close(at);
        LedgerEntry last = ledger.append(electionId, LedgerEntry.Kind.REGISTRATION_CLOSED, "registration closed");
        return new RollCommitment(electionId.toString(), last.rollSize(), last.seq(), last.hash(), at);
    }

    /**
     * Registers a citizen for an open election and sends the first phone code when the election
     * requires the phone. A phone, email or card already on this roll is refused (and the refusal
     * is a ledger entry), whatever the timing of concurrent attempts.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public RegistrationStatus register(UUID electionId, NewRegistrant request) {
        return register(electionId, request, null);
    }

    /**
     * Like {@link #register(UUID, NewRegistrant)}, counting the attempt against the limits of the
     * client's address ({@code null} when unknown).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public RegistrationStatus register(UUID electionId, NewRegistrant request, String clientAddress) {
        if (request == null) {
            throw new InvalidInputException("body", "send the registration as a JSON object");
        }
        RegistrationWindow window = openWindow(electionId);
        java.util.Set<Factor> required = window.requiredFactors();
        PhoneNumber phone = required.contains(Factor.PHONE) || present(request.phone())
                ? PhoneNumber.parse(request.phone(), window.allowedCountries(), "phone", window.acceptsLandlines()) : null;
        EmailAddress email = required.contains(Factor.EMAIL) || present(request.email())
                ? EmailAddress.parse(request.email(), "email") : null;
        guards.check(clientAddress, phone, email);
        String token = Tokens.random();
        Registrant registrant = new Registrant(electionId, request.firstName(), request.lastName(), phone, email,
                request.language(), request.charterVersion(), request.privacyVersion(), Tokens.hash(token),
                clock.instant());
        java.util.Optional<OutgoingMessage> emailLink = email != null && required.contains(Factor.EMAIL)
                ? java.util.Optional.of(emailLink(registrant))
                : java.util.Optional.empty();
        registrant.assignHelpCode(helpCodes.fresh());
        java.util.Optional<CardSetupView> cardSetup = required.contains(Factor.CARD)
                ? cardSetupWithRegistration(registrant, clientAddress)
                : java.util.Optional.empty();
        try {
            registrations.insert(registrant, emailLink);
        } catch (Registrations.DuplicateKey | EJBException | PersistenceException e) {
            if (Registrations.isHelpCodeClash(e)) {
                // another registration took the same fresh code in the same instant (about one in 10^12)
                throw new ConflictException(null, "this registration could not be recorded this time: send it again");
            }
            if (!Registrations.isDuplicate(e)) {
                throw e;
            }
            ledger.recordAlone(electionId, LedgerEntry.Kind.REFUSED_DUPLICATE, "refused: identifier already on the roll");
            throw new ConflictException(null, DUPLICATE);
        }
        LOG.info(() -> "Registrant " + registrant.id() + " registered for election " + electionId
                + (phone == null ? "" : ", phone " + phone.masked()));
        if (phone != null && required.contains(Factor.PHONE)) {
            // The registration is recorded: when the provider cannot send the code now, the citizen
            // is told so with their resume token, and asks for the code again later. A landline
            // (accepted only when the election opened that path) hears its code by voice call.
            boolean sent;
            try {
                phoneVerification.verifier().send(phone.e164(),
                        PhoneVerifier.reaching(phone.e164(), PhoneVerifier.Channel.SMS), registrant.language());
                sent = true;
            } catch (ServiceUnavailableException | TooManyRequestsException e) {
                LOG.warning(() -> "Registrant " + registrant.id() + ": the first phone code was not sent (" + e.reason()
                        + "); they can ask for it again");
                sent = false;
            }
            return withCard(RegistrationStatus.of(registrant, window, token).withPhoneCode(sent), cardSetup);
        }
        return withCard(RegistrationStatus.of(registrant, window, token), cardSetup);
    }

    private static RegistrationStatus withCard(RegistrationStatus status, java.util.Optional<CardSetupView> setup) {
        return setup.map(status::withCardSetup).orElse(status);
    }

    /**
     * Starts the card step's setup with the registration, before its insert (the setup's id is kept
     * with the registrant, in the same write), outside any transaction (the provider is called). It
     * counts against the client address's card-setup budget; the registrant's own budget is whole, so
     * it is not spent ({@link #startCardSetup} spends it for every later setup). When the setup cannot
     * start now (that budget spent, the provider down), the registration goes on without it and the
     * card step starts one itself, with the refusal the citizen then reads.
     */
    private java.util.Optional<CardSetupView> cardSetupWithRegistration(Registrant registrant, String clientAddress) {
        try {
            guards.checkCardSetupFromAddress(clientAddress);
            CardVerifier.Setup setup = cardProvider.verifier().start(registrant.id().toString());
            registrant.cardSetupStarted(setup.setupId());
            return java.util.Optional.of(new CardSetupView(cardProvider.provider(), setup.setupId(), setup.clientSecret(),
                    setup.publishableKey()));
        } catch (TooManyRequestsException | ServiceUnavailableException e) {
            LOG.info(() -> "Registrant " + registrant.id() + ": the card setup is left to the card step (" + e.reason()
                    + ")");
            return java.util.Optional.empty();
        }
    }

    /**
     * Sends a new email link (the previous one stops working), at most {@value #MAX_EMAIL_LINKS} per
     * registration.
     */
    public void sendEmailLink(UUID registrantId, String resumeToken) {
        Registrant registrant = authorizedForUpdate(registrantId, resumeToken);
        stillOpen(registrant);
        notifications.send(emailLink(registrant));
    }

    /**
     * Opens an email link: the token proves the mailbox (no resume token needed: the link may be
     * opened on another device). Single use, 24 hours.
     */
    public RegistrationStatus verifyEmail(UUID registrantId, String emailToken) {
        Registrant registrant = registrantId == null ? null
                : em.find(Registrant.class, registrantId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (registrant == null || emailToken == null
                || !registrant.emailLinkOpened(Tokens.hash(emailToken.strip()), clock.instant())) {
            throw new InvalidInputException("token", "this link is wrong, already used or expired; ask for a new one");
        }
        return verified(registrant, Factor.EMAIL);
    }

    /**
     * A new email link asked for by the hotline ({@link SupportService}), with no resume token: the
     * same limits as the citizen's own request.
     */
    public void sendEmailLinkForSupport(UUID registrantId) {
        Registrant registrant = em.find(Registrant.class, registrantId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (registrant == null) {
            throw new NotFoundException("helpCode", "this registration no longer exists");
        }
        stillOpen(registrant);
        if (registrant.email().isEmpty()) {
            throw new ConflictException("email", "this registration has no email address");
        }
        if (registrant.isVerified(Factor.EMAIL)) {
            throw new ConflictException("email", "this email address is already verified");
        }
        notifications.send(emailLink(registrant));
    }

    /** Issues a new link token on the registrant and the message that carries it. */
    private OutgoingMessage emailLink(Registrant registrant) {
        String token = Tokens.random();
        registrant.emailLinkIssued(Tokens.hash(token), clock.instant().plus(java.time.Duration.ofHours(24)),
                MAX_EMAIL_LINKS);
        String link = publicUrl.replaceAll("/+$", "") + "/verify-email.html#r=" + registrant.id() + "&t=" + token;
        return new OutgoingMessage(Channel.EMAIL, registrant.email().orElseThrow(), "registration.email-link",
                registrant.language(), java.util.Map.of("firstName", registrant.firstName(), "link", link),
                "registration:email-link:" + registrant.id() + ":" + registrant.emailLinksSent());
    }

    /**
     * Imports an organizer's member list into an election whose roll is a member list. Every line
     * is checked; if any is invalid nothing is imported, unless the organizer asks for the valid
     * lines. A member already imported (same member id) is left as is, so importing the same file
     * again changes nothing. Members still verify the factors the election requires; those with an
     * email address get their link at once. When the election accepts landlines, a member's phone may
     * be a landline, whose codes come by voice call; otherwise that line is refused.
     */
    public ImportReport importMembers(UUID electionId, String csv, boolean acceptValidLines, String organizer) {
        RegistrationWindow window = window(electionId);
        if (window.carriedFrom().isPresent()) {
            throw new ConflictException("electionId", SECOND_ROUND);
        }
        if (window.rollMode() != RollMode.IMPORTED) {
            throw new ConflictException("electionId", "this election's roll is open registration, not a member list");
        }
        if (!window.isOpen()) {
            throw new ConflictException("electionId", "registration is closed: the roll is frozen");
        }
        MemberList.Parsed parsed = MemberList.parse(csv, window.requiredFactors(), window.allowedCountries(),
                window.acceptsLandlines());
        java.util.Set<String> known = new java.util.HashSet<>(em.createNamedQuery(Registrant.FIND_MEMBER_IDS, String.class)
                .setParameter("election", electionId.toString()).getResultList());
        java.util.Set<String> phones = new java.util.HashSet<>(em.createQuery(
                "SELECT r.phone FROM Registrant r WHERE r.electionId = :e AND r.phone IS NOT NULL", String.class)
                .setParameter("e", electionId.toString()).getResultList());
        java.util.Set<String> emails = new java.util.HashSet<>(em.createQuery(
                "SELECT r.emailNormalized FROM Registrant r WHERE r.electionId = :e AND r.emailNormalized IS NOT NULL",
                String.class).setParameter("e", electionId.toString()).getResultList());
        List<ImportReport.LineProblem> problems = new java.util.ArrayList<>(parsed.problems());
        List<MemberList.Member> fresh = new java.util.ArrayList<>();
        int unchanged = 0;
        for (MemberList.Member member : parsed.members()) {
            if (known.contains(member.memberId())) {
                unchanged++;
            } else if (member.phone() != null && !phones.add(member.phone().e164())) {
                problems.add(new ImportReport.LineProblem(member.line(), "phone", "this phone number is already on the roll"));
            } else if (member.email() != null && !emails.add(member.email().normalized())) {
                problems.add(new ImportReport.LineProblem(member.line(), "email", "this email address is already on the roll"));
            } else {
                fresh.add(member);
            }
        }
        problems.sort(java.util.Comparator.comparingLong(ImportReport.LineProblem::line));
        if (!problems.isEmpty() && !acceptValidLines) {
            return new ImportReport(parsed.lines(), 0, unchanged, false, problems);
        }
        for (MemberList.Member member : fresh) {
            Registrant registrant = new Registrant(electionId, member.firstName(), member.lastName(), member.phone(),
                    member.email(), "fr", "member-list", "member-list", Tokens.hash(Tokens.random()), clock.instant());
            registrant.importedAs(member.memberId());
            registrant.assignHelpCode(helpCodes.fresh());
            em.persist(registrant);
            ledger.append(electionId, LedgerEntry.Kind.MEMBER_IMPORTED, "member imported");
            if (member.email() != null && window.requiredFactors().contains(Factor.EMAIL)) {
                notifications.send(emailLink(registrant));
            }
        }
        LOG.info(() -> fresh.size() + " members imported into election " + electionId + " by " + organizer);
        return new ImportReport(parsed.lines(), fresh.size(), unchanged, true, problems);
    }

    /**
     * Where a registration stands; needs the registration's resume token. A registration made
     * before help codes gets its code here.
     */
    public RegistrationStatus status(UUID registrantId, String resumeToken) {
        Registrant registrant = authorized(registrantId, resumeToken);
        if (registrant.helpCode().isEmpty()) {
            em.lock(registrant, LockModeType.PESSIMISTIC_WRITE);
            registrant.assignHelpCode(helpCodes.fresh());
        }
        return RegistrationStatus.of(registrant, window(registrant.electionId()), null);
    }

    /**
     * Sends a new phone code, by SMS or by voice call when the SMS does not arrive; a landline's code
     * always comes by voice call.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sendPhoneCode(UUID registrantId, String resumeToken, String channel) {
        Registrant registrant = authorized(registrantId, resumeToken);
        stillOpen(registrant);
        if (registrant.phone().isEmpty()) {
            throw new ConflictException("phone", "this registration has no phone number");
        }
        if (registrant.isVerified(Factor.PHONE)) {
            throw new ConflictException("phone", "this phone number is already verified");
        }
        phoneVerification.verifier().send(registrant.phone().get(),
                PhoneVerifier.reaching(registrant.phone().get(), channel(channel)), registrant.language());
    }

    /**
     * Checks a phone code; when right, the phone is verified, and when it was the last factor the
     * election requires, the registrant is on the roll. Each change is a ledger entry, in the same
     * transaction as the change.
     */
    public RegistrationStatus verifyPhone(UUID registrantId, String resumeToken, String code) {
        Registrant registrant = authorizedForUpdate(registrantId, resumeToken);
        if (code == null || !code.strip().matches("\\d{4,10}")) {
            throw new InvalidInputException("code", "the code is the digits received by SMS");
        }
        if (registrant.phone().isEmpty()) {
            throw new ConflictException("phone", "this registration has no phone number");
        }
        if (!phoneVerification.verifier().check(registrant.phone().get(), code.strip())) {
            throw new InvalidInputException("code", "this code is wrong or has expired; check it or ask for a new one");
        }
        return verified(registrant, Factor.PHONE);
    }

    /** Records a verified factor; the caller loaded the registrant locked ({@link #authorizedForUpdate}). */
    private RegistrationStatus verified(Registrant registrant, Factor factor) {
        RegistrationWindow window = stillOpen(registrant);
        registrations.factorVerified(registrant, factor, window.requiredFactors());
        return RegistrationStatus.of(registrant, window, null);
    }

    /**
     * Starts the card step: a card setup with the provider (Stripe, or the demo's test cards),
     * whose secret the page uses to collect the card. The card never reaches our server. Each setup
     * counts against the client address's and the registrant's card limits
     * ({@link RegistrationGuards#checkCardSetup}), checked once the resume token is: nobody else can
     * spend a registrant's budget.
     *
     * @param clientAddress the client's address, or {@code null} when unknown
     */
    public CardSetupView startCardSetup(UUID registrantId, String resumeToken, String clientAddress) {
        Registrant registrant = authorizedForUpdate(registrantId, resumeToken);
        stillOpen(registrant);
        guards.checkCardSetup(clientAddress, registrant.id().toString());
        CardVerifier.Setup setup = cardProvider.verifier().start(registrant.id().toString());
        registrant.cardSetupStarted(setup.setupId());
        return new CardSetupView(cardProvider.provider(), setup.setupId(), setup.clientSecret(), setup.publishableKey());
    }

    /**
     * Finishes the card step once the page confirmed the setup: reads the card's fingerprint from
     * the provider, keeps only its keyed hash, and verifies the factor. A card already on this
     * roll is refused (and the refusal is a ledger entry).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public RegistrationStatus verifyCard(UUID registrantId, String resumeToken, String setupId, String demoCard) {
        Registrant registrant = authorized(registrantId, resumeToken);
        if (registrant.isVerified(Factor.CARD)) {
            throw new ConflictException("card", "the card is already verified");
        }
        if (setupId == null || !setupId.equals(registrant.cardSetupId().orElse(null))) {
            throw new InvalidInputException("setupId", "this is not the card setup started for this registration");
        }
        RegistrationWindow window = stillOpen(registrant);
        String fingerprint = cardProvider.verifier().fingerprint(setupId, registrant.id().toString(), demoCard);
        try {
            Registrant updated = registrations.recordCard(registrantId, cardProvider.hash(fingerprint),
                    window.requiredFactors());
            return RegistrationStatus.of(updated, window, null);
        } catch (Registrations.DuplicateKey | EJBException | PersistenceException e) {
            if (!Registrations.isDuplicate(e)) {
                throw e;
            }
            ledger.recordAlone(registrant.electionId(), LedgerEntry.Kind.REFUSED_DUPLICATE,
                    "refused: card already on the roll");
            throw new ConflictException(null, DUPLICATE);
        }
    }

    /**
     * Starts the fee step of an election with a participation fee: a payment with the provider
     * (a Stripe PaymentIntent, or the demo's test cards) of the election's amount, whose secret the
     * page uses to pay. The card never reaches our server. A payment started before for this
     * registration is given back while it can still be paid (or is paid), so a reload or a retry
     * never charges twice. Each start counts against the client address's and the registrant's
     * payment limits ({@link RegistrationGuards#checkFeePayment}), checked once the resume token is.
     *
     * @param clientAddress the client's address, or {@code null} when unknown
     */
    public FeePaymentView startFeePayment(UUID registrantId, String resumeToken, String clientAddress) {
        Registrant registrant = authorizedForUpdate(registrantId, resumeToken);
        RegistrationWindow window = stillOpen(registrant);
        if (!window.feeCharged()) {
            throw new ConflictException("fee", "this election has no participation fee");
        }
        if (registrant.feePaidAt().isPresent()) {
            throw new ConflictException("fee", "the participation fee is already paid");
        }
        guards.checkFeePayment(clientAddress, registrant.id().toString());
        FeeCollector.Payment payment = cardProvider.feeCollector().start(registrant.id().toString(),
                window.feeCents(), window.feeCurrency(), registrant.feePaymentId().orElse(null));
        registrant.feePaymentStarted(payment.paymentId());
        return new FeePaymentView(cardProvider.provider(), payment.paymentId(), payment.clientSecret(),
                payment.publishableKey(), window.feeCents(), window.feeCurrency(), payment.status());
    }

    /**
     * Finishes the fee step once the page paid: asks the provider whether the payment succeeded, is
     * this registration's, and charged exactly the election's fee; then keeps what accounting needs
     * (the payment's id, amount, currency, time), appends {@code FEE_PAID}, and puts the registrant on
     * the roll when every required factor is verified too. Asking again after it is recorded is a
     * 409 on {@code fee} and records nothing twice.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public RegistrationStatus payFee(UUID registrantId, String resumeToken, String paymentId, String demoCard) {
        Registrant registrant = authorized(registrantId, resumeToken);
        RegistrationWindow window = stillOpen(registrant);
        if (!window.feeCharged()) {
            throw new ConflictException("fee", "this election has no participation fee");
        }
        if (registrant.feePaidAt().isPresent()) {
            throw new ConflictException("fee", "the participation fee is already paid");
        }
        if (paymentId == null || !paymentId.equals(registrant.feePaymentId().orElse(null))) {
            throw new InvalidInputException("paymentId", "this is not the payment started for this registration");
        }
        FeeCollector.Paid paid = cardProvider.feeCollector().paid(paymentId, registrant.id().toString(),
                window.feeCents(), window.feeCurrency(), demoCard);
        // whatever the collector: only the election's fee, to the cent, pays it
        if (!paid.paymentId().equals(paymentId) || paid.amountCents() != window.feeCents()
                || !paid.currency().equalsIgnoreCase(window.feeCurrency())) {
            throw new InvalidInputException("paymentId", "this payment is not this election's fee");
        }
        try {
            Registrant updated = registrations.recordFee(registrantId, paid, window.requiredFactors());
            LOG.info(() -> "Registrant " + registrantId + " paid the participation fee (" + paid.amountCents() + " "
                    + paid.currency() + ")");
            return RegistrationStatus.of(updated, window, null);
        } catch (Registrations.DuplicateKey | EJBException | PersistenceException e) {
            if (!Registrations.isDuplicate(e)) {
                throw e;
            }
            throw new ConflictException("paymentId", "this payment is already recorded");
        } catch (ConflictException e) {
            // a concurrent request recorded it first: the same answer as asking again
            throw new ConflictException("fee", "the participation fee is already paid");
        }
    }

    /**
     * An election's participation fees, counted from its roll's ledger: fees paid, refunds due
     * (paid, then withdrawn before the seal) and the total kept.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public FeeTotals feeTotals(UUID electionId) {
        RegistrationWindow window = window(electionId);
        long paid = ledger.count(electionId, LedgerEntry.Kind.FEE_PAID);
        long refundsDue = ledger.count(electionId, LedgerEntry.Kind.FEE_REFUND_DUE);
        return new FeeTotals(electionId.toString(), window.feeCents(), window.feeCurrency(), paid, refundsDue,
                (paid - refundsDue) * window.feeCents());
    }

    /**
     * The payments to refund (registrants who paid and withdrew before the seal), oldest first: the
     * provider's payment id, amount, currency, when it was paid and when the refund became due. The
     * treasurer refunds them in the provider's dashboard; nothing here names the registrant.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RefundDue> refundsDue(UUID electionId) {
        window(electionId);
        return em.createNamedQuery(FeePayment.FIND_REFUNDS_DUE, FeePayment.class)
                .setParameter("election", electionId.toString())
                .getResultStream()
                .map(p -> new RefundDue(p.paymentId(), p.amountCents(), p.currency(), p.paidAt(),
                        p.refundDueAt().orElseThrow()))
                .toList();
    }

    /** A fee to give back: the provider's payment id (what a refund names), what was paid, when. */
    public record RefundDue(String paymentId, long amountCents, String currency, Instant paidAt, Instant dueAt) {
    }

    /** Everything kept about the registrant (GDPR access), for them to download. */
    public PersonalData personalData(UUID registrantId, String resumeToken) {
        Registrant registrant = authorized(registrantId, resumeToken);
        return PersonalData.of(registrant, em.createNamedQuery(org.openprimary.registration.entity.CallNote.FIND_BY_REGISTRANT,
                org.openprimary.registration.entity.CallNote.class).setParameter("registrant", registrant.id().toString())
                .getResultList().stream().map(n -> new PersonalData.CallNote(n.text(), n.createdAt())).toList());
    }

    /**
     * The registrant withdraws. While registration is open their personal data are erased at once
     * (the registrant row and any demo codes sent to their phone) and the ledger records the
     * withdrawal, with no identity. Once the roll is frozen it cannot change: the registrant stays on
     * the sealed roll, their request is recorded (campaigns no longer reach them) and their data are
     * erased by the purge at the retention deadline ({@link RetentionService}).
     */
    public WithdrawalView withdraw(UUID registrantId, String resumeToken) {
        Registrant registrant = authorizedForUpdate(registrantId, resumeToken);
        RegistrationWindow window = window(registrant.electionId());
        if (!window.isOpen()) {
            registrant.erasureRequested(clock.instant());
            Instant requestedAt = registrant.erasureRequestedAt().orElseThrow();
            Instant erasedBy = retention.deadline(registrant.electionId()).orElse(null);
            LOG.info(() -> "Registrant " + registrantId + " asked for erasure after the seal; kept until the retention"
                    + " deadline");
            return new WithdrawalView(false, requestedAt, erasedBy, retention.retention(),
                    "the roll is sealed, so your registration stays on it; your request is recorded: you get no more"
                    + " messages from the organizers, and your data are erased at the retention deadline"
                    + (erasedBy == null ? " (" + retention.retention() + " after the result is published)"
                            : " (" + erasedBy + ")"));
        }
        boolean wasOnRoll = registrant.status() == org.openprimary.registration.entity.RegistrantStatus.ON_ROLL;
        registrant.phone().ifPresent(phone -> em.createNamedQuery(ConsoleCode.DELETE_FOR_PHONE)
                .setParameter("phone", phone).executeUpdate());
        // A fee paid is to be given back: the accounting record stays (without the registrant, whom the
        // database forgets with the row) and says the refund is due; the ledger counts it.
        List<FeePayment> payments = em.createNamedQuery(FeePayment.FIND_BY_REGISTRANT, FeePayment.class)
                .setParameter("registrant", registrant.id().toString()).getResultList();
        payments.forEach(payment -> payment.refundDue(clock.instant()));
        em.remove(registrant);
        ledger.append(registrant.electionId(),
                wasOnRoll ? LedgerEntry.Kind.WITHDRAWN_FROM_ROLL : LedgerEntry.Kind.WITHDRAWN, "withdrawn; data erased");
        for (FeePayment payment : payments) {
            ledger.append(registrant.electionId(), LedgerEntry.Kind.FEE_REFUND_DUE,
                    "fee to refund: " + payment.amountCents() + " " + payment.currency());
        }
        LOG.info(() -> "Registrant " + registrantId + " withdrew; personal data erased");
        return new WithdrawalView(true, clock.instant(), null, null, "your registration is withdrawn and your data are"
                + " erased");
    }

    /**
     * The voting module published the election's result, in the caller's transaction (the
     * publication's): the retention period of the registrants' personal data runs from the first
     * publication.
     */
    public void resultPublished(UUID electionId, Instant at) {
        RegistrationWindow window = em.find(RegistrationWindow.class, electionId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (window == null) {
            throw new NotFoundException("electionId", "no election with this id has a registration");
        }
        window.resultPublished(at);
    }

    /** The counts at a moment ({@code null}: now), read from the ledger. */
    public RollCounts counts(UUID electionId, Instant at) {
        window(electionId);
        Instant moment = at == null ? clock.instant() : at;
        return ledger.lastAt(electionId, moment)
                .map(entry -> new RollCounts(electionId.toString(), moment, entry.registrants(), entry.rollSize(),
                        entry.seq(), entry.hash()))
                .orElse(new RollCounts(electionId.toString(), moment, 0, 0, 0, LedgerEntry.GENESIS));
    }

    /** Why the counts changed between two moments: the entries of each kind between them. */
    public RollChanges changes(UUID electionId, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidInputException("from", "give two moments, 'from' before 'to'");
        }
        Map<String, Long> byKind = new TreeMap<>();
        ledger.changes(electionId, from, to).forEach((kind, count) -> byKind.put(kind.name(), count));
        return new RollChanges(electionId.toString(), counts(electionId, from), counts(electionId, to), byKind);
    }

    /** The roll's ledger of an election, oldest entry first. */
    public List<LedgerEntryView> ledger(UUID electionId) {
        return ledger.entries(electionId).stream().map(LedgerEntryView::of).toList();
    }

    /**
     * A page of the roll's ledger, oldest entry first: the {@code last} entries (1 to
     * {@value #MAX_LEDGER_PAGE}) before the entry numbered {@code before} ({@code null}: the newest).
     */
    public List<LedgerEntryView> ledger(UUID electionId, Long before, int last) {
        if (last < 1 || last > MAX_LEDGER_PAGE) {
            throw new org.openprimary.common.InvalidInputException("last", "ask for 1 to " + MAX_LEDGER_PAGE + " entries");
        }
        if (before != null && before < 1) {
            throw new org.openprimary.common.InvalidInputException("before", "entries are numbered from 1");
        }
        List<LedgerEntryView> page = new java.util.ArrayList<>(ledger.latest(electionId,
                before == null ? Long.MAX_VALUE : before, last).stream().map(LedgerEntryView::of).toList());
        java.util.Collections.reverse(page);
        return page;
    }

    /** The most entries of the ledger one page holds. */
    public static final int MAX_LEDGER_PAGE = 1000;

    /**
     * The voters on an election's roll once registration is closed, in a stable order. The roll is
     * frozen then, so the list is the one the seal covers.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RollVoter> rollVoters(UUID electionId) {
        return frozenRoll(electionId, Registrant.FIND_ON_ROLL);
    }

    /**
     * The voters of the frozen roll whom news such as the result may still reach: everyone on it
     * but those who asked to withdraw after the seal (they stay on the sealed roll, counted, but get
     * no more messages; their data wait for the purge).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RollVoter> rollVotersToTell(UUID electionId) {
        return frozenRoll(electionId, Registrant.FIND_ON_ROLL_TO_TELL);
    }

    private List<RollVoter> frozenRoll(UUID electionId, String query) {
        RegistrationWindow window = em.find(RegistrationWindow.class, electionId.toString());
        if (window == null) {
            throw new NotFoundException("electionId", "no election with this id has a registration");
        }
        if (window.isOpen()) {
            throw new ConflictException("state", "the roll is not frozen yet: registration is still open");
        }
        // Only the five columns, not the entities: a national roll is hundreds of thousands of voters.
        return em.createNamedQuery(query, Object[].class)
                .setParameter("election", electionId.toString())
                .setParameter("onRoll", org.openprimary.registration.entity.RegistrantStatus.ON_ROLL)
                .getResultStream()
                .map(r -> new RollVoter(UUID.fromString((String) r[0]), (String) r[1],
                        java.util.Optional.ofNullable((String) r[2]), java.util.Optional.ofNullable((String) r[3]),
                        (String) r[4]))
                .toList();
    }

    static final java.time.Duration VOTING_CODE_VALIDITY = java.time.Duration.ofMinutes(10);
    static final java.time.Duration VOTING_CODE_WINDOW = java.time.Duration.ofMinutes(10);
    static final int VOTING_CODE_SENDS = 5;
    static final int VOTING_CODE_CHECKS = 5;

    /**
     * Sends a voter a fresh code to confirm their ballot: by SMS or voice call to the phone verified
     * at registration (Twilio Verify, or the console stand-in in the demo), or by email when the
     * election chooses email ({@code byEmail}) or the voter has no verified phone. Nobody with a
     * verified contact is shut out.
     *
     * @return where the code went: {@code sms}, {@code call} or {@code email}
     */
    public String sendVotingCode(UUID registrantId, String channel, boolean byEmail) {
        Registrant registrant = em.find(Registrant.class, registrantId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (registrant == null) {
            throw new ConflictException("credential", "this voter is no longer registered");
        }
        boolean phone = registrant.phone().isPresent() && registrant.isVerified(Factor.PHONE);
        boolean email = registrant.email().isPresent() && registrant.isVerified(Factor.EMAIL);
        if (phone && !byEmail) {
            PhoneVerifier.Channel way = PhoneVerifier.reaching(registrant.phone().get(), channel(channel));
            phoneVerification.verifier().send(registrant.phone().get(), way, registrant.language());
            return way.wire();
        }
        if (!email) {
            throw new ConflictException("code", byEmail ? "this election sends codes by email, and this voter has no"
                    + " verified email address" : "no verified phone or email to send a code to");
        }
        String code = Tokens.digits(6);
        registrant.votingCodeIssued(Tokens.hash(code), clock.instant(), VOTING_CODE_VALIDITY, VOTING_CODE_SENDS,
                VOTING_CODE_WINDOW);
        notifications.send(new OutgoingMessage(Channel.EMAIL, registrant.email().get(), "voting.code",
                registrant.language(), Map.of("code", code), null));
        return "email";
    }

    /**
     * Whether the code is the one just sent to the voter (by email when one was emailed, else to the
     * phone); a right code cannot be used twice, and wrong tries are bounded.
     */
    public boolean checkVotingCode(UUID registrantId, String code) {
        if (code == null || !code.strip().matches("\\d{4,10}")) {
            throw new InvalidInputException("code", "the code is the digits you received");
        }
        // On the cast's path: the row is locked only when an emailed code is checked (its counters
        // change); the phone's code is the provider's to check.
        Registrant registrant = em.find(Registrant.class, registrantId.toString());
        if (registrant == null) {
            return false;
        }
        if (registrant.hasEmailedVotingCode()) {
            em.refresh(registrant, LockModeType.PESSIMISTIC_WRITE);
            return registrant.votingCodeChecked(Tokens.hash(code.strip()), clock.instant(), VOTING_CODE_CHECKS);
        }
        return registrant.phone().isPresent()
                && phoneVerification.verifier().check(registrant.phone().get(), code.strip());
    }

    /**
     * Sends a voter the receipt of their ballot by email, in the caller's transaction (the cast's):
     * the receipt goes only if the ballot is in the box.
     */
    public void sendBallotReceipt(UUID registrantId, String election, String receipt) {
        Registrant registrant = em.find(Registrant.class, registrantId.toString());
        if (registrant == null) {
            return;
        }
        registrant.email().ifPresent(address -> notifications.send(new OutgoingMessage(Channel.EMAIL, address,
                "voting.receipt", registrant.language(), Map.of("election", election, "receipt", receipt),
                // keyed by the registrant (one ballot each), not by the receipt: the key outlives the message's
                // sending and must not name a ballot of the box next to its voter (docs/security.md)
                "voting:receipt:" + registrantId)));
    }

    /** The number of voters on an election's roll now: its ledger's, with what registrations recorded a moment ago. */
    public long rollSize(UUID electionId) {
        return ledger.rollSizeNow(electionId);
    }

    public boolean isOpen(UUID electionId) {
        RegistrationWindow window = em.find(RegistrationWindow.class, electionId.toString());
        return window != null && window.isOpen();
    }

    /**
     * The codes the console stand-in sent, newest first, for an organizer to read out in a demo.
     * Empty when the real provider is in use.
     */
    public List<ConsoleCodeView> consoleCodes(int limit) {
        if (!phoneVerification.isStandIn()) {
            return List.of();
        }
        return em.createNamedQuery(ConsoleCode.FIND_RECENT, ConsoleCode.class)
                .setMaxResults(Math.max(1, Math.min(limit, 200)))
                .getResultList().stream().map(ConsoleCodeView::of).toList();
    }

    private Registrant authorized(UUID registrantId, String resumeToken) {
        return authorized(registrantId, resumeToken, LockModeType.NONE);
    }

    /** The registrant, locked for this transaction before anything reads or changes it. */
    private Registrant authorizedForUpdate(UUID registrantId, String resumeToken) {
        return authorized(registrantId, resumeToken, LockModeType.PESSIMISTIC_WRITE);
    }

    private Registrant authorized(UUID registrantId, String resumeToken, LockModeType lock) {
        Registrant registrant = registrantId == null ? null
                : em.find(Registrant.class, registrantId.toString(), lock);
        if (registrant == null || !Tokens.matches(resumeToken, registrant.resumeTokenHash())) {
            throw new NotFoundException("id", "no registration matches this link");
        }
        return registrant;
    }

    private RegistrationWindow openWindow(UUID electionId) {
        RegistrationWindow window = window(electionId);
        if (!window.isOpen()) {
            throw new ConflictException("electionId", "the registration of this election is closed");
        }
        if (window.carriedFrom().isPresent()) {
            throw new ConflictException("electionId", SECOND_ROUND);
        }
        if (window.rollMode() != RollMode.OPEN) {
            throw new ConflictException("electionId", "this election's roll is a member list: members do not register");
        }
        return window;
    }

    /** The registrant's window, if registration is still open: after it closes, the roll is frozen. */
    private RegistrationWindow stillOpen(Registrant registrant) {
        RegistrationWindow window = window(registrant.electionId());
        if (!window.isOpen()) {
            throw new ConflictException("electionId", "registration is closed: the roll is frozen");
        }
        return window;
    }

    private RegistrationWindow window(UUID electionId) {
        RegistrationWindow window = electionId == null ? null : em.find(RegistrationWindow.class, electionId.toString());
        if (window == null) {
            throw new NotFoundException("electionId", "no election with this id is open for registration");
        }
        return window;
    }

    private static PhoneVerifier.Channel channel(String channel) {
        if (channel == null || channel.isBlank() || channel.strip().equalsIgnoreCase("sms")) {
            return PhoneVerifier.Channel.SMS;
        }
        if (channel.strip().equalsIgnoreCase("call")) {
            return PhoneVerifier.Channel.CALL;
        }
        throw new InvalidInputException("channel", "the channel is 'sms' or 'call'");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
