package org.openprimary.registration.control;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.service.Verification;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.LocalBean;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.net.URI;
import org.openprimary.common.twilio.ApiBaseHttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.ProviderCalls;
import org.openprimary.common.ServiceUnavailableException;
import org.openprimary.common.TooManyRequestsException;
import org.openprimary.registration.entity.PhoneNumber;

/**
 * Phone codes through Twilio Verify with the real {@code twilio} SDK: Verify makes, sends and checks
 * the codes (6 digits, 10 minutes, its own send and check limits), we keep none.
 */
// Set once at start-up, then only read: no container lock serializing the callers.
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@LocalBean
public class TwilioPhoneVerifier implements PhoneVerifier {

    /** Verify's errors for "too many sends" and "too many checks". */
    private static final Set<Integer> LIMIT_ERRORS = Set.of(60203, 60202, 20429);
    /** Verify's error when there is no pending verification (expired, approved or never sent). */
    private static final int NO_PENDING_VERIFICATION = 20404;

    private static final Logger LOG = Logger.getLogger(TwilioPhoneVerifier.class.getName());

    @Inject
    @ConfigProperty(name = "openprimary.twilio.account-sid")
    Optional<String> accountSid;

    @Inject
    @ConfigProperty(name = "openprimary.twilio.auth-token")
    Optional<String> authToken;

    @Inject
    @ConfigProperty(name = "openprimary.twilio.verify-service-sid")
    Optional<String> serviceSid;

    @Inject
    @ConfigProperty(name = "openprimary.twilio.api-base")
    Optional<String> apiBase;

    /**
     * Calls to Verify at once on this instance; the calls beyond are refused at once (503) rather than
     * holding a request thread while Verify is slow (docs/security.md, drill 4).
     */
    @Inject
    @ConfigProperty(name = "openprimary.twilio.max-concurrent-calls", defaultValue = "16")
    int maxConcurrentCalls = 16;

    /**
     * How long a call waits for Verify's answer. The SDK's own client waits 30 s to connect and 30 s
     * for an answer, and tries a 5xx three more times: two minutes with a citizen waiting.
     */
    @Inject
    @ConfigProperty(name = "openprimary.twilio.response-timeout-ms", defaultValue = "10000")
    long responseTimeoutMillis = 10_000;

    private TwilioRestClient client;
    private ProviderCalls calls;

    @PostConstruct
    void connect() {
        calls = new ProviderCalls("the SMS provider", "phone", Math.max(1, maxConcurrentCalls));
        Duration responseTimeout = Duration.ofMillis(Math.max(100, responseTimeoutMillis));
        if (accountSid.isEmpty() || authToken.isEmpty() || serviceSid.isEmpty()) {
            return;
        }
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(accountSid.get(), authToken.get());
        Optional<String> base = apiBase.filter(b -> !b.isBlank());
        if (base.isPresent()) {
            builder.httpClient(new ApiBaseHttpClient(URI.create(base.get()), responseTimeout));
        } else {
            Timeout answer = Timeout.ofMilliseconds(responseTimeout.toMillis());
            builder.httpClient(new NetworkHttpClient(RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.ofSeconds(5)).setConnectTimeout(Timeout.ofSeconds(5))
                    .setResponseTimeout(answer).build(), SocketConfig.custom().setSoTimeout(answer).build()));
        }
        client = builder.build();
    }

    /** Refuses to start without the Twilio settings, naming the missing ones. */
    public void checkConfigured() {
        if (client == null) {
            throw new IllegalStateException("OpenPrimary cannot send phone codes: set openprimary.twilio.account-sid,"
                    + " openprimary.twilio.auth-token and openprimary.twilio.verify-service-sid"
                    + " (OPENPRIMARY_TWILIO_ACCOUNT_SID, ...), or choose the console stand-in for a demo");
        }
    }

    @Override
    public void send(String e164, Channel channel, String language) {
        checkConfigured();
        try {
            calls.call(() -> Verification.creator(serviceSid.get(), e164, channel.wire()).setLocale(language).create(client));
        } catch (ApiException e) {
            throw translate(e, "phone");
        } catch (TwilioException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean check(String e164, String code) {
        checkConfigured();
        try {
            VerificationCheck check = calls.call(() -> VerificationCheck.creator(serviceSid.get()).setTo(e164)
                    .setCode(code).create(client));
            return "approved".equals(check.getStatus());
        } catch (ApiException e) {
            if (e.getCode() != null && e.getCode() == NO_PENDING_VERIFICATION) {
                return false;
            }
            throw translate(e, "code");
        } catch (TwilioException e) {
            throw unavailable(e);
        }
    }

    private static RuntimeException translate(ApiException e, String field) {
        if ((e.getCode() != null && LIMIT_ERRORS.contains(e.getCode()))
                || (e.getStatusCode() != null && e.getStatusCode() == 429)) {
            return new TooManyRequestsException(field, "too many attempts for this number; try again later",
                    Duration.ofMinutes(10));
        }
        if (e.getStatusCode() != null && e.getStatusCode() >= 400 && e.getStatusCode() < 500) {
            LOG.warning(() -> "Twilio Verify refused a request: " + e.getCode() + " " + e.getMessage());
            return new org.openprimary.common.InvalidInputException("phone",
                    "this number cannot receive a code; check it and try again");
        }
        return unavailable(e);
    }

    private static ServiceUnavailableException unavailable(Exception e) {
        LOG.warning(() -> "Twilio Verify is unavailable: " + e.getMessage());
        return new ServiceUnavailableException("phone", "the SMS provider is unavailable; try again in a moment");
    }

    static String masked(String e164) {
        return PhoneNumber.mask(e164);
    }
}
