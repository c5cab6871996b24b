package org.openprimary.registration.control;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.param.SetupIntentCreateParams;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.LocalBean;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.ProviderCalls;
import org.openprimary.common.ServiceUnavailableException;

/** The card imprint through Stripe SetupIntents, with the real {@code stripe-java} SDK. */
// Set once at start-up, then only read: no container lock serializing the callers.
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@LocalBean
public class StripeCardVerifier implements CardVerifier {

    private static final Logger LOG = Logger.getLogger(StripeCardVerifier.class.getName());
    static final String REGISTRANT = "openprimary_registrant";

    @Inject
    @ConfigProperty(name = "openprimary.stripe.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "openprimary.stripe.publishable-key")
    Optional<String> publishableKey;

    @Inject
    @ConfigProperty(name = "openprimary.stripe.api-base")
    Optional<String> apiBase;

    /**
     * Calls to Stripe at once on this instance; the calls beyond are refused at once (503) rather than
     * holding a request thread while Stripe is slow (docs/security.md, drill 4).
     */
    @Inject
    @ConfigProperty(name = "openprimary.stripe.max-concurrent-calls", defaultValue = "16")
    int maxConcurrentCalls = 16;

    /** How long a call waits for Stripe's answer; one retry on a network failure (the SDK's idempotency keys). */
    @Inject
    @ConfigProperty(name = "openprimary.stripe.read-timeout-ms", defaultValue = "10000")
    int readTimeoutMillis = 10_000;

    private StripeClient stripe;
    private ProviderCalls calls;

    @PostConstruct
    void connect() {
        calls = new ProviderCalls("the card provider", "card", Math.max(1, maxConcurrentCalls));
        if (secretKey.isEmpty() || secretKey.get().isBlank()) {
            return;
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(secretKey.get())
                .setConnectTimeout(5_000).setReadTimeout(readTimeoutMillis).setMaxNetworkRetries(1);
        apiBase.filter(base -> !base.isBlank()).ifPresent(builder::setApiBase);
        stripe = builder.build();
    }

    /** Refuses to start without the Stripe settings, naming them. */
    public void checkConfigured() {
        if (stripe == null || publishableKey.isEmpty()) {
            throw new IllegalStateException("OpenPrimary cannot check card imprints: set openprimary.stripe.secret-key"
                    + " and openprimary.stripe.publishable-key (OPENPRIMARY_STRIPE_SECRET_KEY, ...), or choose the"
                    + " demo card stand-in for a demo");
        }
    }

    @Override
    public Setup start(String registrantId) {
        checkConfigured();
        SetupIntentCreateParams params = SetupIntentCreateParams.builder()
                .addPaymentMethodType("card")
                .setUsage(SetupIntentCreateParams.Usage.ON_SESSION)
                .setPaymentMethodOptions(SetupIntentCreateParams.PaymentMethodOptions.builder()
                        .setCard(SetupIntentCreateParams.PaymentMethodOptions.Card.builder()
                                .setRequestThreeDSecure(
                                        SetupIntentCreateParams.PaymentMethodOptions.Card.RequestThreeDSecure.ANY)
                                .build())
                        .build())
                .putMetadata(REGISTRANT, registrantId)
                .build();
        try {
            SetupIntent intent = calls.call(() -> stripe.v1().setupIntents().create(params));
            return new Setup(intent.getId(), intent.getClientSecret(), publishableKey.get());
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public String fingerprint(String setupId, String registrantId, String demoCard) {
        checkConfigured();
        try {
            return calls.call(() -> {
                SetupIntent intent = stripe.v1().setupIntents().retrieve(setupId);
                if (!registrantId.equals(intent.getMetadata().get(REGISTRANT))) {
                    throw new InvalidInputException("setupId", "this card setup belongs to another registration");
                }
                if (!"succeeded".equals(intent.getStatus())) {
                    throw new ConflictException("setupId", "the card was not confirmed (status " + intent.getStatus()
                            + "); confirm it in the page, then try again");
                }
                PaymentMethod card = stripe.v1().paymentMethods().retrieve(intent.getPaymentMethod());
                String fingerprint = card.getCard() == null ? null : card.getCard().getFingerprint();
                if (fingerprint == null || fingerprint.isBlank()) {
                    throw new InvalidInputException("setupId", "this payment method is not a card");
                }
                stripe.v1().paymentMethods().detach(card.getId());
                return fingerprint;
            });
        } catch (InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) {
                throw new InvalidInputException("setupId", "no card setup has this id");
            }
            throw unavailable(e);
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    private static ServiceUnavailableException unavailable(StripeException e) {
        LOG.warning(() -> "Stripe is unavailable or refused a request: " + e.getStatusCode() + " " + e.getCode()
                + (e instanceof ApiConnectionException ? " (no connection)" : ""));
        return new ServiceUnavailableException("card", "the card provider is unavailable; try again in a moment");
    }
}
