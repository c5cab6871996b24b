package org.openprimary.registration.control;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.openprimary.common.TooManyRequestsException;
import org.openprimary.registration.entity.ConsoleCode;
import org.openprimary.registration.entity.PhoneNumber;

/**
 * The demo's stand-in for Twilio Verify, with the same rules: 6-digit codes valid 10 minutes, at
 * most 5 sends per number in 10 minutes and 5 checks per code. Codes are kept for the console
 * (organizers read them there) and written to the server log with the number masked.
 */
@Stateless
@LocalBean
public class ConsolePhoneVerifier implements PhoneVerifier {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    static final int MAX_SENDS = 5;
    static final int MAX_CHECKS = 5;

    private static final Logger LOG = Logger.getLogger(ConsolePhoneVerifier.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "registration")
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public void send(String e164, Channel channel, String language) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(VALIDITY);
        long sent = em.createNamedQuery(ConsoleCode.COUNT_SENT_SINCE, Long.class)
                .setParameter("phone", e164).setParameter("since", windowStart).getSingleResult();
        if (sent >= MAX_SENDS) {
            // an aggregate (MIN) would bypass the Instant converter: read the oldest code itself
            Instant first = em.createNamedQuery(ConsoleCode.FIRST_SENT_SINCE, ConsoleCode.class)
                    .setParameter("phone", e164).setParameter("since", windowStart)
                    .setMaxResults(1).getSingleResult().createdAt();
            throw new TooManyRequestsException("phone", "too many codes were sent to this number; try again later",
                    Duration.between(now, first.plus(VALIDITY)));
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        em.persist(new ConsoleCode(e164, code, channel.wire(), now, now.plus(VALIDITY)));
        LOG.info(() -> "[console " + channel.wire() + "] code " + code + " for " + PhoneNumber.mask(e164));
    }

    @Override
    public boolean check(String e164, String code) {
        Optional<ConsoleCode> current = em.createNamedQuery(ConsoleCode.FIND_CURRENT, ConsoleCode.class)
                .setParameter("phone", e164).setParameter("now", clock.instant())
                .setMaxResults(1).getResultStream().findFirst();
        if (current.isEmpty()) {
            return false;
        }
        if (current.get().checks() >= MAX_CHECKS) {
            throw new TooManyRequestsException("code", "too many wrong codes; ask for a new code",
                    Duration.between(clock.instant(), current.get().expiresAt()));
        }
        return current.get().check(code);
    }
}
