package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.ConflictException;
import org.openprimary.common.DomainException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.notifications.boundary.CampaignDraft;
import org.openprimary.notifications.boundary.CampaignPreview;
import org.openprimary.notifications.boundary.CampaignRecipient;
import org.openprimary.notifications.boundary.Channel;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.registration.boundary.ContactGroup;
import org.openprimary.registration.boundary.RegistrantContacts;
import org.openprimary.registration.boundary.RollVoter;
import org.openprimary.voting.control.BallotBox;
import org.openprimary.voting.control.CampaignPages;
import org.openprimary.voting.control.CastActivity;
import org.openprimary.voting.control.Digests;
import org.openprimary.voting.entity.Election;
import org.openprimary.voting.entity.ElectionId;
import org.openprimary.voting.entity.ElectionState;

/**
 * An organizer's messages to an election's registrants (docs/campaigns.md): an announcement (their
 * own subject and text) or a reminder to vote, for an audience (everyone registered, those on the
 * roll, those who have not finished verifying, those on the roll who have not voted yet), previewed,
 * tried on the organizer's own address, then sent now or at a set time. The audience is resolved into
 * recipients when the campaign goes out, not when it is written; a message to someone who has not
 * voted is withdrawn the moment they vote, even if it is still queued.
 */
@Stateless
public class ElectionCampaigns {

    private static final Logger LOG = Logger.getLogger(ElectionCampaigns.class.getName());
    private static final DateTimeFormatter PARIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Europe/Paris"));

    /** Recipients handed to the notifications module per statement. */
    static final int BATCH = 10_000;
    /**
     * Pages queued at once, each in its own transaction, while the next page is read. One: with the
     * JSON fix two at once were no faster (bench/RESULTS.md, 500,000 recipients: 35.0 s with two, 30.5
     * s with one), and they took more of the cores voters need.
     */
    static final int PARALLEL = 1;
    /** While voters cast: recipients a page, so that each page holds the cores for a few tens of milliseconds. */
    static final int BUSY_BATCH = 1_000;
    /** Casts within this window mean voters are casting. */
    static final java.time.Duration BUSY_WINDOW = java.time.Duration.ofSeconds(2);
    /** While voters cast, each page is followed by a pause this many times as long as it took (a twentieth of the time queuing). */
    static final long BUSY_PAUSE_FACTOR = 19;
    static final java.time.Duration BUSY_PAUSE_MIN = java.time.Duration.ofMillis(50);
    static final java.time.Duration BUSY_PAUSE_MAX = java.time.Duration.ofSeconds(5);
    /** Test messages per campaign: enough to check it, too few to send a campaign by hand. */
    static final int MAX_TESTS = 10;
    /** Reminders scheduled in one request. */
    static final int MAX_REMINDERS = 20;
    static final int MAX_SUBJECT = 150;
    static final int MAX_EMAIL_BODY = 5_000;
    /** Three SMS segments of 160 GSM characters. */
    static final int MAX_SMS_BODY = 480;

    public enum Kind {
        ANNOUNCEMENT,
        REMINDER
    }

    public enum Audience {
        REGISTERED,
        ON_ROLL,
        UNVERIFIED,
        NOT_VOTED
    }

    /** A campaign as an organizer writes it: {@code subject} (email) and {@code body} for an announcement. */
    public record NewCampaign(String name, String kind, String audience, String channel, String subject,
            String body) {
    }

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    NotificationService notifications;

    @EJB
    RegistrantContacts contacts;

    @EJB
    BallotBox box;

    @EJB
    CampaignPages pages;

    @Inject
    CastActivity activity;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "openprimary.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** Writes a campaign as a draft: nothing goes out until it is sent or scheduled. */
    public ElectionCampaignView create(String electionId, NewCampaign request, String organizer) {
        if (request == null) {
            throw new InvalidInputException("body", "say what to send, to whom and on which channel");
        }
        Election election = election(electionId, false);
        if (election.state() == ElectionState.DRAFT) {
            throw new ConflictException("state", "the election is a draft: nobody has registered yet");
        }
        Kind kind = parse(Kind.class, "kind", request.kind() == null ? "ANNOUNCEMENT" : request.kind());
        Channel channel = parse(Channel.class, "channel", request.channel());
        Audience audience = request.audience() == null && kind == Kind.REMINDER ? Audience.NOT_VOTED
                : parse(Audience.class, "audience", request.audience());
        checkAudience(election, kind, audience, channel);
        Map<String, String> parameters = kind == Kind.REMINDER ? reminderParameters(election)
                : announcement(channel, request.subject(), request.body());
        String name = request.name() == null || request.name().isBlank()
                ? defaultName(kind, election) : request.name().strip();
        if (name.length() > 200 || hasControl(name, false)) {
            throw new InvalidInputException("name", "a campaign's name has at most 200 characters on one line");
        }
        return persist(election, kind, audience, channel, name, parameters, organizer);
    }

    /**
     * Corrects a campaign that has not gone: its name, and an announcement's subject and text (a
     * field left out stays as it was). Its kind, audience and channel stay: to change them, cancel it
     * and write another. A scheduled campaign keeps its time.
     */
    public ElectionCampaignView revise(String electionId, String campaignId, NewCampaign request) {
        if (request == null) {
            throw new InvalidInputException("body", "say what to change: name, subject or body");
        }
        Election election = election(electionId, false);
        Object[] row = row(election, campaignId, true);
        String state = (String) row[5];
        if (!state.equals("DRAFT") && !state.equals("SCHEDULED")) {
            throw new ConflictException("state", "the campaign is " + state + ": only one that has not gone can be"
                    + " changed; write a new one");
        }
        Kind kind = Kind.valueOf((String) row[2]);
        Channel channel = Channel.valueOf((String) row[4]);
        unchanged("kind", request.kind(), kind.name());
        unchanged("audience", request.audience(), (String) row[3]);
        unchanged("channel", request.channel(), channel.name());
        UUID id = UUID.fromString((String) row[0]);
        Map<String, String> parameters = notifications.campaignParameters(id);
        if (kind == Kind.REMINDER) {
            if (request.subject() != null || request.body() != null) {
                throw new InvalidInputException(request.body() != null ? "body" : "subject",
                        "a reminder's text is the platform's, in the registrant's language: only its name can be changed");
            }
        } else {
            parameters = announcement(channel, request.subject() == null ? parameters.get("subject") : request.subject(),
                    request.body() == null ? parameters.get("body") : request.body());
        }
        String name = request.name() == null ? notifications.campaign(id).name() : request.name().strip();
        if (name.isEmpty() || name.length() > 200 || hasControl(name, false)) {
            throw new InvalidInputException("name", "a campaign's name has 1 to 200 characters on one line");
        }
        notifications.reviseCampaign(id, name, parameters);
        return view(row);
    }

    private static void unchanged(String field, String asked, String current) {
        if (asked != null && !asked.strip().equalsIgnoreCase(current)) {
            throw new InvalidInputException(field, "a campaign's " + field + " cannot be changed (it is " + current
                    + "): cancel it and write another");
        }
    }

    /**
     * Schedules reminders to vote, one campaign per channel and time (each evening of a four-day vote,
     * say): at each time, those on the roll who have not voted by then get one, and a voter who votes
     * while it is still queued does not.
     */
    public List<ElectionCampaignView> scheduleReminders(String electionId, List<String> channels, List<String> times,
            String organizer) {
        if (channels == null || channels.isEmpty()) {
            throw new InvalidInputException("channels", "choose EMAIL, SMS or both");
        }
        if (times == null || times.isEmpty() || times.size() * channels.size() > MAX_REMINDERS) {
            throw new InvalidInputException("at", "give between 1 and " + MAX_REMINDERS + " reminders at once");
        }
        Election election = election(electionId, true);
        List<ElectionCampaignView> made = new ArrayList<>();
        for (int t = 0; t < times.size(); t++) {
            Instant at = time("at[" + t + "]", times.get(t));
            checkReminderTime(election, at, "at[" + t + "]");
            for (int c = 0; c < channels.size(); c++) {
                Channel channel = parse(Channel.class, "channels[" + c + "]", channels.get(c));
                checkAudience(election, Kind.REMINDER, Audience.NOT_VOTED, channel);
                ElectionCampaignView draft = persist(election, Kind.REMINDER, Audience.NOT_VOTED, channel,
                        "Reminder (" + channel + ", " + PARIS.format(at) + " Paris): " + election.title(),
                        reminderParameters(election), organizer);
                made.add(schedule(draft.id(), at));
            }
        }
        return made;
    }

    /** The election's campaigns, newest first. */
    public List<ElectionCampaignView> all(String electionId) {
        Election election = election(electionId, false);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE election_id = ?1 ORDER BY created_at DESC")
                .setParameter(1, election.id().toString()).setMaxResults(200).getResultList();
        return rows.stream().map(this::view).toList();
    }

    public ElectionCampaignView one(String electionId, String campaignId) {
        return view(row(election(electionId, false), campaignId, false));
    }

    /**
     * The message in French and in English as a recipient would read it, and how many recipients the
     * audience has now on its channel.
     */
    public Map<String, Object> preview(String electionId, String campaignId) {
        Election election = election(electionId, false);
        Object[] row = row(election, campaignId, false);
        List<CampaignPreview> messages = notifications.preview(UUID.fromString((String) row[0]), sample());
        Map<String, Object> preview = new HashMap<>();
        preview.put("campaign", campaignId);
        preview.put("audienceNow", audienceSize(election, Audience.valueOf((String) row[3]),
                Channel.valueOf((String) row[4])));
        preview.put("messages", messages);
        return preview;
    }

    /** Sends the message once to the organizer's own address, to see it as recipients will. */
    public UUID test(String electionId, String campaignId, String to, String language) {
        Election election = election(electionId, false);
        Object[] row = row(election, campaignId, true);
        if (((Number) row[8]).intValue() >= MAX_TESTS) {
            throw new ConflictException("to", "this campaign was tried " + MAX_TESTS + " times already");
        }
        String lang = language == null || language.isBlank() ? "fr" : language.strip().toLowerCase(Locale.ROOT);
        if (!lang.equals("fr") && !lang.equals("en")) {
            throw new InvalidInputException("language", "fr or en");
        }
        if (to == null || to.isBlank()) {
            throw new InvalidInputException("to", row[4].equals("SMS")
                    ? "give your own phone number (+33...) to receive the test"
                    : "give your own email address to receive the test");
        }
        UUID message = notifications.sendTest(UUID.fromString((String) row[0]), to.strip(), lang, sample());
        em.createNativeQuery("UPDATE voting.election_campaign SET tests_sent = tests_sent + 1 WHERE campaign_id = ?1")
                .setParameter(1, row[0]).executeUpdate();
        return message;
    }

    /**
     * Sends the campaign now (its audience resolved into recipients in this transaction, then sent
     * at the providers' pace), or schedules it at {@code at}. A scheduled campaign can be sent now or
     * scheduled again.
     */
    public ElectionCampaignView send(String electionId, String campaignId, String at, String organizer) {
        Election election = election(electionId, true);
        Object[] row = row(election, campaignId, true);
        String state = (String) row[5];
        if (!state.equals("DRAFT") && !state.equals("SCHEDULED")) {
            throw new ConflictException("state", "the campaign is " + state + ": it can be sent only once");
        }
        Kind kind = Kind.valueOf((String) row[2]);
        Audience audience = Audience.valueOf((String) row[3]);
        Channel channel = Channel.valueOf((String) row[4]);
        if (at != null && !at.isBlank()) {
            Instant when = time("at", at);
            if (kind == Kind.REMINDER || audience == Audience.NOT_VOTED) {
                checkReminderTime(election, when, "at");
            }
            return schedule(campaignId, when);
        }
        Optional<String> impossible = whyNot(election, audience);
        if (impossible.isPresent()) {
            throw new ConflictException("audience", impossible.get());
        }
        String id = (String) row[0];
        em.createNativeQuery("UPDATE voting.election_campaign SET state = 'QUEUING', send_at = ?2, queued_by = ?3,"
                        + " lease_until = NULL, note = NULL WHERE campaign_id = ?1")
                .setParameter(1, id).setParameter(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .setParameter(3, organizer.substring(0, Math.min(64, organizer.length()))).executeUpdate();
        ElectionCampaigns me = self(); // the business object, taken while this call is on: the queuing runs as a call of its own
        afterCommit(() -> executor.execute(() -> {
            try {
                me.queueDue(id);
            } catch (RuntimeException e) {
                LOG.log(java.util.logging.Level.WARNING, "Campaign " + id + " could not be queued now (the voting clock"
                        + " takes it up again once its lease runs out)", e);
            }
        }));
        return one(electionId, campaignId);
    }

    /** Cancels a campaign: a draft or scheduled one never goes; a queued one's unsent messages never go. */
    public ElectionCampaignView cancel(String electionId, String campaignId) {
        Election election = election(electionId, false);
        Object[] row = row(election, campaignId, true);
        if (row[5].equals("CANCELLED")) {
            throw new ConflictException("state", "the campaign is already cancelled");
        }
        String status = notifications.campaign(UUID.fromString((String) row[0])).status();
        if (!status.equals("CANCELLED")) {
            notifications.cancelCampaign(UUID.fromString((String) row[0]));
        }
        em.createNativeQuery("UPDATE voting.election_campaign SET state = 'CANCELLED', note = COALESCE(note, ?2)"
                        + " WHERE campaign_id = ?1")
                .setParameter(1, row[0]).setParameter(2, "cancelled by an organizer").executeUpdate();
        return one(electionId, campaignId);
    }

    /** The election a campaign was written for, if an organizer wrote it for one. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> electionOf(UUID campaignId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT election_id FROM voting.election_campaign WHERE campaign_id = ?1")
                .setParameter(1, campaignId.toString()).getResultList();
        return rows.stream().findFirst().map(String::valueOf);
    }

    /** The campaigns to queue now, for the voting clock: scheduled ones that are due, sent ones nobody holds. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> due() {
        return pages.due(clock.instant());
    }

    /**
     * Queues one campaign that was sent or is due, outside any transaction (each step has its own,
     * {@link CampaignPages}); several instances may try at once, one does it (it holds the row's
     * lease). A campaign whose audience can no longer be reached (a reminder after the close) is
     * cancelled with the reason; one whose audience could not be queued whole for a reason a retry
     * would meet again is a draft again, saying why; after an outage or a crash it stays QUEUING
     * and is taken up again once its lease runs out.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void queueDue(String campaignId) {
        Optional<CampaignPages.Claim> claimed = pages.claim(campaignId, clock.instant());
        if (claimed.isEmpty()) {
            return;
        }
        CampaignPages.Claim claim = claimed.get();
        Election election = em.find(Election.class, claim.electionId());
        Audience audience = Audience.valueOf(claim.audience());
        Optional<String> impossible = whyNot(election, audience);
        if (impossible.isPresent()) {
            pages.cancelUnsent(campaignId, "not sent at its time: " + impossible.get());
            LOG.info(() -> "Campaign " + campaignId + " was not sent: " + impossible.get());
            return;
        }
        try {
            OptionalLong queued = queue(election, campaignId, audience, Channel.valueOf(claim.channel()));
            if (queued.isPresent() && pages.finish(campaignId, queued.getAsLong(), clock.instant())) {
                LOG.info(() -> "Campaign " + campaignId + " queued for " + queued.getAsLong() + " recipients");
            }
        } catch (DomainException e) {
            pages.stop(campaignId, "stopped while queuing (" + e.field().map(f -> f + ": ").orElse("") + e.getMessage()
                    + "); what was queued goes; send it again to add the rest");
            LOG.warning(() -> "Campaign " + campaignId + " could not be queued whole: " + e.getMessage());
        }
    }

    // ---- the audience -----------------------------------------------------------------------------

    /** @return what the page added, or -1 if the campaign was no longer being queued */
    private static int await(java.util.concurrent.Future<Integer> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queuing a campaign", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof jakarta.ejb.EJBException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a page of the campaign could not be queued", cause);
        }
    }

    /**
     * Starts the notifications' campaign (committed at once), then queues the audience a page at a
     * time, each in a transaction of its own and each due as it commits. While voters cast on this
     * instance, it yields to them: small pages, each followed by a pause {@link #BUSY_PAUSE_FACTOR}
     * times as long as the page took, so the queuing takes about a twentieth of the machine (the
     * outbox is sent at the providers' pace, tens a second, so a slower queue delays nobody's
     * message); otherwise it goes flat out, reading the next page while the last one is written.
     *
     * @return how many recipients in all, or empty if the campaign was cancelled meanwhile
     */
    private OptionalLong queue(Election election, String campaignId, Audience audience, Channel channel) {
        UUID campaign = UUID.fromString(campaignId);
        pages.start(campaign);
        java.util.Deque<java.util.concurrent.Future<Integer>> inFlight = new java.util.ArrayDeque<>();
        boolean[] stopped = {false};
        long[] pageStarted = {System.nanoTime()};
        long total;
        try {
            total = forEachPage(election, audience, channel, () -> activity.castWithin(BUSY_WINDOW), page -> {
                boolean busy = activity.castWithin(BUSY_WINDOW);
                if (busy || inFlight.size() >= PARALLEL) {
                    while (!inFlight.isEmpty()) {
                        stopped[0] |= await(inFlight.removeFirst()) < 0;
                    }
                }
                if (stopped[0]) {
                    return false;
                }
                inFlight.addLast(executor.submit(() -> pages.add(campaign, page, clock.instant())));
                if (busy) {
                    stopped[0] |= await(inFlight.removeFirst()) < 0;
                    yieldToVoters(System.nanoTime() - pageStarted[0]);
                }
                pageStarted[0] = System.nanoTime();
                return !stopped[0];
            });
            while (!inFlight.isEmpty()) {
                stopped[0] |= await(inFlight.removeFirst()) < 0;
            }
        } finally {
            inFlight.forEach(pending -> pending.cancel(false));
        }
        return stopped[0] ? OptionalLong.empty() : OptionalLong.of(total);
    }

    private ElectionCampaigns self() {
        return context.getBusinessObject(ElectionCampaigns.class);
    }

    /** Runs {@code then} once the caller's transaction committed (not at all if it rolls back). */
    private void afterCommit(Runnable then) {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    then.run();
                }
            }
        });
    }

    private static void yieldToVoters(long pageNanos) {
        long pause = Math.max(BUSY_PAUSE_MIN.toNanos(), Math.min(BUSY_PAUSE_MAX.toNanos(), pageNanos * BUSY_PAUSE_FACTOR));
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queuing a campaign", e);
        }
    }

    /**
     * Hands the audience as it is now to {@code each}, a page of at most {@value #BATCH} at a time
     * (so a national roll never sits in memory), each recipient with their one contact on the channel;
     * for those who have not voted, each message carries the voter's withdrawal key (their random id
     * in the box), so that their mark withdraws it.
     *
     * @return how many recipients in all
     */
    private long forEachPage(Election election, Audience audience, Channel channel,
            java.util.function.BooleanSupplier smallPages, java.util.function.Predicate<List<CampaignRecipient>> each) {
        UUID electionUuid = UUID.fromString(election.id().toString());
        ContactGroup group = audience == Audience.NOT_VOTED ? ContactGroup.ON_ROLL : ContactGroup.valueOf(audience.name());
        long total = 0;
        UUID after = null;
        while (true) {
            List<RollVoter> page = contacts.page(electionUuid, group, channel, after,
                    smallPages.getAsBoolean() ? BUSY_BATCH : BATCH);
            if (page.isEmpty()) {
                return total;
            }
            after = page.get(page.size() - 1).registrantId();
            List<CampaignRecipient> recipients = new ArrayList<>(page.size());
            if (audience == Audience.NOT_VOTED) {
                Map<UUID, UUID> yetToVote = box.yetToVote(election.id().toString(),
                        page.stream().map(RollVoter::registrantId).toList());
                for (RollVoter voter : page) {
                    UUID voterId = yetToVote.get(voter.registrantId());
                    if (voterId != null) {
                        recipients.add(recipient(voter, channel, BallotBox.VOTED_KEY + voterId));
                    }
                }
            } else {
                page.forEach(voter -> recipients.add(recipient(voter, channel, null)));
            }
            if (!recipients.isEmpty() && !each.test(recipients)) {
                return total;
            }
            total += recipients.size();
        }
    }

    private static CampaignRecipient recipient(RollVoter voter, Channel channel, String withdrawKey) {
        String address = channel == Channel.SMS ? voter.phone().orElseThrow() : voter.email().orElseThrow();
        return new CampaignRecipient(address, voter.language(), Map.of("firstName", voter.firstName()), withdrawKey);
    }

    private long audienceSize(Election election, Audience audience, Channel channel) {
        if (audience == Audience.NOT_VOTED) {
            return whyNot(election, audience).isPresent() ? 0 : forEachPage(election, audience, channel, () -> false, page -> true);
        }
        return contacts.count(UUID.fromString(election.id().toString()), ContactGroup.valueOf(audience.name()), channel);
    }

    /** Why the audience cannot be reached now, if it cannot. */
    private Optional<String> whyNot(Election election, Audience audience) {
        return switch (audience) {
            case NOT_VOTED -> election.state() == ElectionState.VOTING && election.acceptsBallots(clock)
                    ? Optional.empty() : Optional.of("those who have not voted can be told only while voting is open"
                            + " (the election is " + election.state() + ")");
            case UNVERIFIED -> election.state() == ElectionState.REGISTRATION && !election.registrationClosed()
                    ? Optional.empty() : Optional.of("registration is closed: those who did not finish can no longer");
            default -> Optional.empty();
        };
    }

    private void checkAudience(Election election, Kind kind, Audience audience, Channel channel) {
        if (kind == Kind.REMINDER && audience != Audience.NOT_VOTED) {
            throw new InvalidInputException("audience", "a reminder to vote goes to those who have not voted (NOT_VOTED)");
        }
        if (audience == Audience.UNVERIFIED && channel == Channel.SMS) {
            throw new InvalidInputException("channel", "numbers nobody verified get no SMS (that is how SMS pumping"
                    + " runs up costs): write to those who have not finished by EMAIL");
        }
        ElectionState state = election.state();
        if (audience == Audience.NOT_VOTED && state != ElectionState.SEALED && state != ElectionState.VOTING) {
            throw new ConflictException("audience", "those who have not voted exist once the election is sealed,"
                    + " until voting closes (the election is " + state + ")");
        }
        if (audience == Audience.UNVERIFIED && whyNot(election, audience).isPresent()) {
            throw new ConflictException("audience", whyNot(election, audience).get());
        }
    }

    private void checkReminderTime(Election election, Instant at, String field) {
        Instant closes = election.votingClosesAt().orElseThrow(() -> new ConflictException("state",
                "the election has no voting schedule yet"));
        Instant opens = election.votingOpensAt().orElse(closes);
        if (!at.isAfter(opens) || !at.isBefore(closes)) {
            throw new InvalidInputException(field, "a reminder goes while voting is open: after "
                    + PARIS.format(opens) + " and before " + PARIS.format(closes) + " (Paris)");
        }
    }

    // ---- content ----------------------------------------------------------------------------------

    private Map<String, String> reminderParameters(Election election) {
        Instant closes = election.votingClosesAt().orElseThrow(() -> new ConflictException("state",
                "a reminder needs the voting schedule: set it first"));
        // The personal links cannot be made again (their key was erased at the opening): the reminder
        // tells where to find the link received then, and points to the site.
        return Map.of("election", election.title(), "closes", PARIS.format(closes) + " (Paris)",
                "link", publicUrl.replaceAll("/+$", "") + "/");
    }

    private static Map<String, String> announcement(Channel channel, String subject, String body) {
        String text = body == null ? "" : body.strip().replace("\r\n", "\n");
        int max = channel == Channel.SMS ? MAX_SMS_BODY : MAX_EMAIL_BODY;
        if (text.isEmpty() || text.length() > max) {
            throw new InvalidInputException("body", "the message has 1 to " + max + " characters");
        }
        if (hasControl(text, true)) {
            throw new InvalidInputException("body", "the message may hold line breaks, not other control characters");
        }
        if (channel == Channel.SMS) {
            return Map.of("body", text);
        }
        String line = subject == null ? "" : subject.strip();
        if (line.isEmpty() || line.length() > MAX_SUBJECT || hasControl(line, false)) {
            throw new InvalidInputException("subject", "an email needs a subject of 1 to " + MAX_SUBJECT
                    + " characters on one line");
        }
        return Map.of("subject", line, "body", text);
    }

    private static boolean hasControl(String text, boolean lineBreaks) {
        return text.codePoints().anyMatch(c -> (Character.getType(c) == Character.CONTROL
                && !(lineBreaks && (c == '\n' || c == '\t'))) || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT && c != 0x200D);
    }

    private static String defaultName(Kind kind, Election election) {
        return (kind == Kind.REMINDER ? "Reminder: " : "Announcement: ") + election.title();
    }

    private static Map<String, String> sample() {
        return Map.of("firstName", "Camille");
    }

    // ---- rows -------------------------------------------------------------------------------------

    private ElectionCampaignView persist(Election election, Kind kind, Audience audience, Channel channel, String name,
            Map<String, String> parameters, String organizer) {
        String template = kind == Kind.REMINDER ? "voting.reminder" : "campaign.announcement";
        UUID id = notifications.createCampaign(new CampaignDraft(name, channel, template, parameters, organizer));
        em.createNativeQuery("INSERT INTO voting.election_campaign (campaign_id, election_id, kind, audience, channel,"
                        + " state, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'DRAFT', ?6, ?7)")
                .setParameter(1, id.toString()).setParameter(2, election.id().toString()).setParameter(3, kind.name())
                .setParameter(4, audience.name()).setParameter(5, channel.name())
                .setParameter(6, organizer.substring(0, Math.min(64, organizer.length())))
                .setParameter(7, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
        return view(row(election, id.toString(), false));
    }

    private ElectionCampaignView schedule(String campaignId, Instant at) {
        if (!at.isAfter(clock.instant())) {
            throw new InvalidInputException("at", "a campaign is scheduled in the future; send it now instead");
        }
        em.createNativeQuery("UPDATE voting.election_campaign SET state = 'SCHEDULED', send_at = ?2 WHERE campaign_id = ?1")
                .setParameter(1, campaignId).setParameter(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery(SELECT + " WHERE campaign_id = ?1")
                .setParameter(1, campaignId).getSingleResult();
        return view(row);
    }

    private static final String SELECT = "SELECT campaign_id, election_id, kind, audience, channel, state, send_at,"
            + " recipients, tests_sent, note, created_by, created_at, queued_by, queued_at FROM voting.election_campaign";

    private Object[] row(Election election, String campaignId, boolean lock) {
        String id;
        try {
            id = UUID.fromString(campaignId == null ? "" : campaignId.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("campaign", "no campaign '" + campaignId + "'");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE campaign_id = ?1 AND election_id = ?2"
                        + (lock ? " FOR UPDATE" : ""))
                .setParameter(1, id).setParameter(2, election.id().toString()).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("campaign", "no campaign '" + campaignId + "' in this election");
        }
        return rows.get(0);
    }

    private ElectionCampaignView view(Object[] r) {
        String id = (String) r[0];
        org.openprimary.notifications.boundary.CampaignView progress = notifications.campaign(UUID.fromString(id));
        Map<String, String> text = r[2].equals(Kind.ANNOUNCEMENT.name())
                ? notifications.campaignParameters(UUID.fromString(id)) : Map.of();
        return new ElectionCampaignView(id, (String) r[1], progress.name(), (String) r[2], (String) r[3],
                text.get("subject"), text.get("body"),
                (String) r[4], (String) r[5], Digests.instant(r[6]), r[7] == null ? null : ((Number) r[7]).longValue(),
                ((Number) r[8]).intValue(), (String) r[9], (String) r[10], Digests.instant(r[11]), (String) r[12],
                Digests.instant(r[13]), progress);
    }

    private Election election(String electionId, boolean lock) {
        String id = ElectionId.parse(electionId).toString();
        Election election = lock ? em.find(Election.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(Election.class, id);
        if (election == null) {
            throw new NotFoundException("id", "no election has the id '" + electionId + "'");
        }
        return election;
    }

    private static Instant time(String field, String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidInputException(field, "a time with its offset, e.g. 2027-01-16T19:00:00+01:00");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
