package org.openprimary.notifications.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.LockModeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.NotFoundException;
import org.openprimary.common.json.Jsonp;
import org.openprimary.notifications.control.CampaignQueue;
import org.openprimary.notifications.control.Channels;
import org.openprimary.notifications.control.Masking;
import org.openprimary.notifications.control.OutboxDelivery;
import org.openprimary.notifications.control.OutboxDispatcher;
import org.openprimary.notifications.control.Subscriptions;
import org.openprimary.notifications.control.Templates;
import org.openprimary.notifications.entity.Campaign;
import org.openprimary.notifications.entity.OutboxMessage;

/**
 * The notifications module's facade. It knows recipients and messages, never registrants or
 * ballots: the modules that own them call {@link #send}.
 */
@Stateless
public class NotificationService {

    @PersistenceContext(unitName = "notifications")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    Channels channels;

    @EJB
    OutboxDispatcher dispatcher;

    @EJB
    CampaignQueue queue;

    @EJB
    Subscriptions subscriptions;

    /** Which provider carries each channel, e.g. {@code {sms=console, email=console}}. */
    public Map<String, String> providers() {
        return Map.of("sms", channels.sms(), "email", channels.email());
    }

    /**
     * Queues a message in the outbox within the caller's transaction, so it is sent only if the
     * caller's change commits. A second call with the same idempotency key queues nothing and
     * returns the first message's id.
     */
    public UUID send(OutgoingMessage message) {
        if (message == null || message.channel() == null) {
            throw new InvalidInputException("channel", "a message needs a channel");
        }
        checkRecipient(message.channel(), message.recipient(), "recipient");
        String language = language(message.language());
        if (!Templates.exists(message.template(), message.channel() == Channel.SMS ? "sms" : "email")) {
            throw new InvalidInputException("template", "no template '" + message.template() + "' for "
                    + message.channel());
        }
        if (message.idempotencyKey() != null) {
            List<OutboxMessage> existing = em.createNamedQuery(OutboxMessage.FIND_BY_KEY, OutboxMessage.class)
                    .setParameter("key", message.idempotencyKey()).getResultList();
            if (!existing.isEmpty()) {
                return existing.get(0).messageId();
            }
        }
        OutboxMessage queued = new OutboxMessage(message.channel().name(), message.recipient().strip(),
                message.template(), language, json(message.parameters()), message.idempotencyKey(), clock.instant());
        em.persist(queued);
        em.flush();
        return queued.messageId();
    }

    /** One message and its delivery, by the id {@link #send} returned. */
    public OutboxView message(UUID messageId) {
        return em.createNamedQuery(OutboxMessage.FIND_BY_MESSAGE_ID, OutboxMessage.class)
                .setParameter("messageId", messageId.toString()).getResultStream().findFirst().map(OutboxView::of)
                .orElseThrow(() -> new NotFoundException("id", "no message " + messageId));
    }

    /** The messages sent to one phone number or email address, newest first: the operators' history. */
    public List<OutboxView> history(String recipient) {
        if (recipient == null || recipient.isBlank()) {
            throw new InvalidInputException("recipient", "say whose messages to show");
        }
        return em.createNamedQuery(OutboxMessage.FIND_BY_RECIPIENT, OutboxMessage.class)
                .setParameter("recipient", recipient.strip()).setMaxResults(200)
                .getResultList().stream().map(OutboxView::of).toList();
    }

    // ---- campaigns ------------------------------------------------------------------------------

    /**
     * Creates a campaign as a draft: nothing is sent until {@link #startCampaign}. The template
     * must exist for the channel; its parameters are completed by each recipient's.
     */
    public UUID createCampaign(CampaignDraft draft) {
        if (draft == null || draft.channel() == null) {
            throw new InvalidInputException("channel", "a campaign needs a channel");
        }
        if (draft.name() == null || draft.name().isBlank() || draft.name().strip().length() > 200) {
            throw new InvalidInputException("name", "a campaign needs a name of at most 200 characters");
        }
        if (!Templates.exists(draft.template(), draft.channel() == Channel.SMS ? "sms" : "email")) {
            throw new InvalidInputException("template", "no template '" + draft.template() + "' for "
                    + draft.channel());
        }
        String createdBy = draft.createdBy() == null || draft.createdBy().isBlank() ? "system" : draft.createdBy().strip();
        Campaign campaign = new Campaign(draft.name().strip(), draft.channel().name(), draft.template(),
                json(draft.parameters()), createdBy.substring(0, Math.min(100, createdBy.length())), clock.instant());
        em.persist(campaign);
        // Written now, so that a caller adding recipients in the same transaction finds it (a locked
        // find goes to the database).
        em.flush();
        return campaign.id();
    }

    /**
     * Rewrites a draft's name and the parameters its recipients share (an organizer correcting their
     * text before sending); refused (409 on {@code status}) once the campaign was started.
     */
    public CampaignView reviseCampaign(UUID campaignId, String name, Map<String, String> parameters) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidInputException("name", "a campaign needs a name of at most 200 characters");
        }
        Campaign campaign = lockedCampaign(campaignId, LockModeType.PESSIMISTIC_WRITE);
        campaign.revise(name.strip(), json(parameters == null ? Map.of() : parameters));
        return view(campaign);
    }

    /** The parameters a campaign's recipients share (an announcement's subject and text), as written. */
    public Map<String, String> campaignParameters(UUID campaignId) {
        return OutboxDelivery.parameters(find(campaignId).parameters());
    }

    /**
     * Adds a batch of recipients (at most {@value CampaignQueue#MAX_BATCH}) in the caller's
     * transaction. A recipient already in the campaign is not added twice, so a batch can be handed
     * again after a crash; an address that unsubscribed is counted as skipped when the template is
     * not essential. Refused once the campaign is cancelled.
     *
     * @return how many recipients were new to the campaign
     */
    public int addRecipients(UUID campaignId, List<CampaignRecipient> recipients) {
        if (recipients == null || recipients.isEmpty()) {
            return 0;
        }
        if (recipients.size() > CampaignQueue.MAX_BATCH) {
            throw new InvalidInputException("recipients", "at most " + CampaignQueue.MAX_BATCH + " recipients a batch");
        }
        Campaign campaign = lockedCampaign(campaignId, LockModeType.PESSIMISTIC_READ);
        campaign.checkAcceptsRecipients();
        Channel channel = Channel.valueOf(campaign.channel());
        JsonArrayBuilder batch = Jsonp.PROVIDER.createArrayBuilder();
        for (int i = 0; i < recipients.size(); i++) {
            CampaignRecipient r = recipients.get(i);
            String field = "recipients[" + i + "]";
            if (r == null) {
                throw new InvalidInputException(field, "missing recipient");
            }
            checkRecipient(channel, r.recipient(), field);
            JsonObjectBuilder parameters = Jsonp.PROVIDER.createObjectBuilder();
            r.parameters().forEach(parameters::add);
            JsonObjectBuilder one = Jsonp.PROVIDER.createObjectBuilder()
                    .add("recipient", Subscriptions.normalize(campaign.channel(), r.recipient()))
                    .add("language", language(r.language()))
                    .add("parameters", parameters);
            if (r.withdrawKey() != null) {
                if (r.withdrawKey().isBlank() || r.withdrawKey().length() > 100) {
                    throw new InvalidInputException(field + ".withdrawKey", "a withdrawal key has 1 to 100 characters");
                }
                one.add("withdrawKey", r.withdrawKey());
            }
            batch.add(one);
        }
        return queue.add(campaign, batch.build().toString(), Templates.optional(campaign.template()), clock.instant());
    }

    /**
     * Withdraws every campaign message carrying this key that has not gone yet, in the caller's
     * transaction (a reminder to vote, in the cast's): they are counted as withdrawn, never sent.
     * Costs one indexed update that usually finds nothing.
     *
     * @return how many messages were withdrawn
     */
    public int withdraw(String withdrawKey) {
        if (withdrawKey == null || withdrawKey.isBlank()) {
            return 0;
        }
        return queue.withdraw(withdrawKey);
    }

    /**
     * The campaign's message in French and in English, as a recipient with these parameters (a
     * sample first name, say) would get it; an unsubscribe link stands in for the recipient's own.
     */
    public List<CampaignPreview> preview(UUID campaignId, Map<String, String> sample) {
        Campaign campaign = find(campaignId);
        Map<String, String> parameters = new java.util.HashMap<>(
                OutboxDelivery.parameters(campaign.parameters()));
        parameters.putAll(sample == null ? Map.of() : sample);
        if (Templates.optional(campaign.template())) {
            parameters.putIfAbsent(Templates.UNSUBSCRIBE_LINK, "https://…/api/unsubscribe/…");
        }
        return List.of("fr", "en").stream().map(language -> {
            try {
                Templates.Rendered rendered = Channel.valueOf(campaign.channel()) == Channel.SMS
                        ? Templates.sms(campaign.template(), language, parameters)
                        : Templates.email(campaign.template(), language, parameters);
                return new CampaignPreview(language, rendered.subject(), rendered.text(), rendered.html());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("parameters", e.getMessage());
            }
        }).toList();
    }

    /**
     * Sends the campaign's message once to one address (an organizer's own, to see it as recipients
     * will), at once, outside the campaign's counts. The address must suit the campaign's channel.
     */
    public UUID sendTest(UUID campaignId, String recipient, String language, Map<String, String> sample) {
        Campaign campaign = find(campaignId);
        checkRecipient(Channel.valueOf(campaign.channel()), recipient, "to");
        Map<String, String> parameters = new java.util.HashMap<>(
                OutboxDelivery.parameters(campaign.parameters()));
        parameters.putAll(sample == null ? Map.of() : sample);
        return send(new OutgoingMessage(Channel.valueOf(campaign.channel()), recipient, campaign.template(),
                language, parameters, null));
    }

    /** Sends the campaign: its recipients' messages, and those added later, go out. */
    public CampaignView startCampaign(UUID campaignId) {
        Campaign campaign = lockedCampaign(campaignId, LockModeType.PESSIMISTIC_WRITE);
        campaign.start(clock.instant());
        queue.release(campaign, clock.instant());
        return view(campaign);
    }

    /** Stops sending: the messages not yet sent wait (those being handed to the provider finish). */
    public CampaignView pauseCampaign(UUID campaignId) {
        Campaign campaign = lockedCampaign(campaignId, LockModeType.PESSIMISTIC_WRITE);
        campaign.pause(clock.instant());
        queue.hold(campaign);
        return view(campaign);
    }

    public CampaignView resumeCampaign(UUID campaignId) {
        Campaign campaign = lockedCampaign(campaignId, LockModeType.PESSIMISTIC_WRITE);
        campaign.resume(clock.instant());
        queue.release(campaign, clock.instant());
        return view(campaign);
    }

    /** Cancels the campaign: its messages not yet sent are never sent (counted as cancelled). */
    public CampaignView cancelCampaign(UUID campaignId) {
        Campaign campaign = lockedCampaign(campaignId, LockModeType.PESSIMISTIC_WRITE);
        campaign.cancel(clock.instant());
        queue.cancel(campaign);
        return view(campaign);
    }

    /** A campaign and its progress. */
    public CampaignView campaign(UUID campaignId) {
        return view(find(campaignId));
    }

    /** Every campaign, newest first, with its progress. */
    public List<CampaignView> campaigns() {
        return em.createNamedQuery(Campaign.FIND_ALL, Campaign.class).setMaxResults(200).getResultList().stream()
                .map(this::view).toList();
    }

    // ---- unsubscribe ----------------------------------------------------------------------------

    /** What an unsubscribe link stands for (the address masked); not found for an unknown token. */
    public SubscriptionView subscription(String token) {
        Subscriptions.Entry entry = subscriptions.byToken(token)
                .orElseThrow(() -> new NotFoundException("token", "this unsubscribe link is not valid"));
        return new SubscriptionView(entry.channel(), Masking.recipient(entry.address()), entry.unsubscribed());
    }

    /**
     * Unsubscribes the link's address from messages that are not essential (news, reminders,
     * campaigns); codes, voting links and receipts still go. Using the link again changes nothing.
     */
    public SubscriptionView unsubscribe(String token) {
        SubscriptionView subscription = subscription(token);
        subscriptions.unsubscribeByToken(token);
        return new SubscriptionView(subscription.channel(), subscription.address(), true);
    }

    /** The newest messages, for the console. */
    public List<OutboxView> outbox(int limit) {
        return em.createNamedQuery(OutboxMessage.FIND_RECENT, OutboxMessage.class)
                .setMaxResults(Math.max(1, Math.min(limit, 500)))
                .getResultList().stream().map(OutboxView::of).toList();
    }

    private Campaign find(UUID campaignId) {
        return Optional.ofNullable(campaignId).map(id -> em.find(Campaign.class, id.toString()))
                .orElseThrow(() -> new NotFoundException("id", "no campaign " + campaignId));
    }

    private Campaign lockedCampaign(UUID campaignId, LockModeType lock) {
        return Optional.ofNullable(campaignId).map(id -> em.find(Campaign.class, id.toString(), lock))
                .orElseThrow(() -> new NotFoundException("id", "no campaign " + campaignId));
    }

    private CampaignView view(Campaign campaign) {
        em.flush();
        return CampaignView.of(campaign, queue.counts(campaign));
    }

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private static void checkRecipient(Channel channel, String recipient, String field) {
        if (recipient == null || recipient.isBlank()) {
            throw new InvalidInputException(field, "a message needs a recipient");
        }
        String value = recipient.strip();
        if (channel == Channel.SMS && !E164.matcher(value).matches()) {
            throw new InvalidInputException(field, "an SMS needs a phone number in international form (+33...)");
        }
        if (channel == Channel.EMAIL && (value.length() > 320 || value.indexOf('@') <= 0
                || value.indexOf('@') == value.length() - 1 || value.chars().anyMatch(Character::isWhitespace))) {
            throw new InvalidInputException(field, "an email needs an email address");
        }
    }

    private static String language(String language) {
        return "en".equals(language) ? "en" : "fr";
    }

    private static String json(Map<String, String> parameters) {
        JsonObjectBuilder object = Jsonp.PROVIDER.createObjectBuilder();
        parameters.forEach(object::add);
        return object.build().toString();
    }

    /** Delivers what is due now instead of at the next tick (the console's "send now"). */
    public int dispatchNow() {
        return dispatcher.dispatch();
    }
}
