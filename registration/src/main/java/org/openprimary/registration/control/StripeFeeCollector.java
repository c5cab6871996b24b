package org.openprimary.registration.control;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;
import org.openprimary.common.ProviderCalls;
import org.openprimary.common.ServiceUnavailableException;

/**
 * The participation fee through Stripe PaymentIntents, with the real {@code stripe-java} SDK and the
 * card provider's Stripe account ({@code openprimary.stripe.*}). The page confirms the payment with
 * Stripe.js ({@code confirmCardPayment}); we then read it back from Stripe and believe only what
 * Stripe says: succeeded, this registration's, the election's amount and currency.
 */
// Set once at start-up, then only read: no container lock serializing the callers.
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@LocalBean
public class StripeFeeCollector implements FeeCollector {

    private static final Logger LOG = Logger.getLogger(StripeFeeCollector.class.getName());
    static final String REGISTRANT = StripeCardVerifier.REGISTRANT;
    static final String DESCRIPTION = "OpenPrimary participation fee";

    @Inject
    @ConfigProperty(name = "openprimary.stripe.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "openprimary.stripe.publishable-key")
    Optional<String> publishableKey;

    @Inject
    @ConfigProperty(name = "openprimary.stripe.api-base")
    Optional<String> apiBase;

    /** Calls to Stripe at once on this instance for fees; beyond, 503 at once (as for the card). */
    @Inject
    @ConfigProperty(name = "openprimary.stripe.max-concurrent-calls", defaultValue = "16")
    int maxConcurrentCalls = 16;

    @Inject
    @ConfigProperty(name = "openprimary.stripe.read-timeout-ms", defaultValue = "10000")
    int readTimeoutMillis = 10_000;

    private StripeClient stripe;
    private ProviderCalls calls;

    @PostConstruct
    void connect() {
        calls = new ProviderCalls("the payment provider", "fee", Math.max(1, maxConcurrentCalls));
        if (secretKey.isEmpty() || secretKey.get().isBlank()) {
            return;
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(secretKey.get())
                .setConnectTimeout(5_000).setReadTimeout(readTimeoutMillis).setMaxNetworkRetries(1);
        apiBase.filter(base -> !base.isBlank()).ifPresent(builder::setApiBase);
        stripe = builder.build();
    }

    /** Refuses to run without the Stripe settings, naming them. */
    public void checkConfigured() {
        if (stripe == null || publishableKey.isEmpty()) {
            throw new IllegalStateException("OpenPrimary cannot collect a participation fee: set"
                    + " openprimary.stripe.secret-key and openprimary.stripe.publishable-key (OPENPRIMARY_STRIPE_SECRET_KEY,"
                    + " ...), or choose the demo card stand-in for a demo");
        }
    }

    @Override
    public Payment start(String registrantId, long amountCents, String currency, String previousPaymentId) {
        checkConfigured();
        try {
            return calls.call(() -> {
                if (previousPaymentId != null) {
                    PaymentIntent previous = retrieve(previousPaymentId);
                    if (previous != null && registrantId.equals(previous.getMetadata().get(REGISTRANT))
                            && !"canceled".equals(previous.getStatus())
                            && previous.getAmount() == amountCents
                            && currency.equalsIgnoreCase(previous.getCurrency())) {
                        return payment(previous);
                    }
                }
                PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                        .setAmount(amountCents)
                        .setCurrency(currency.toLowerCase(Locale.ROOT))
                        .addPaymentMethodType("card")
                        .setDescription(DESCRIPTION)
                        .putMetadata(REGISTRANT, registrantId)
                        .build();
                // Made from the registration (and the payment it replaces): a retried start, by the SDK's
                // own retry or by the citizen's second click, is the same payment at Stripe.
                String key = "openprimary-fee-" + registrantId
                        + (previousPaymentId == null ? "" : "-after-" + previousPaymentId);
                return payment(stripe.v1().paymentIntents().create(params,
                        RequestOptions.builder().setIdempotencyKey(key).build()));
            });
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Paid paid(String paymentId, String registrantId, long amountCents, String currency, String demoCard) {
        checkConfigured();
        try {
            return calls.call(() -> {
                PaymentIntent intent = retrieve(paymentId);
                if (intent == null) {
                    throw new InvalidInputException("paymentId", "no payment has this id");
                }
                if (!registrantId.equals(intent.getMetadata().get(REGISTRANT))) {
                    throw new InvalidInputException("paymentId", "this payment belongs to another registration");
                }
                if (!"succeeded".equals(intent.getStatus())) {
                    throw new ConflictException("paymentId", "the payment did not go through (status "
                            + intent.getStatus() + "); pay in the page, then try again");
                }
                Long amount = intent.getAmountReceived() != null ? intent.getAmountReceived() : intent.getAmount();
                if (amount == null || amount != amountCents || !currency.equalsIgnoreCase(intent.getCurrency())) {
                    throw new InvalidInputException("paymentId", "this payment is not this election's fee");
                }
                return new Paid(intent.getId(), amount, currency.toUpperCase(Locale.ROOT));
            });
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    /** The PaymentIntent, or {@code null} when Stripe has none with this id. */
    private PaymentIntent retrieve(String paymentId) throws StripeException {
        try {
            return stripe.v1().paymentIntents().retrieve(paymentId);
        } catch (InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) {
                return null;
            }
            throw e;
        }
    }

    private Payment payment(PaymentIntent intent) {
        return new Payment(intent.getId(), intent.getClientSecret(), publishableKey.get(), intent.getStatus());
    }

    private static ServiceUnavailableException unavailable(StripeException e) {
        LOG.warning(() -> "Stripe is unavailable or refused a payment request: " + e.getStatusCode() + " " + e.getCode()
                + (e instanceof ApiConnectionException ? " (no connection)" : ""));
        return new ServiceUnavailableException("fee", "the payment provider is unavailable; try again in a moment");
    }
}
