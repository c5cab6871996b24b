package org.openprimary.voting.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One ballot {@link BallotCrypto.Sealer} per election on this instance. A batch's key lives at most
 * {@code openprimary.box.batch-millis} milliseconds and {@code openprimary.box.batch-size} ballots.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Sealers {

    @Inject
    @ConfigProperty(name = "openprimary.box.batch-size", defaultValue = "256")
    int batchSize;

    @Inject
    @ConfigProperty(name = "openprimary.box.batch-millis", defaultValue = "5000")
    long batchMillis;

    private final Map<String, BallotCrypto.Sealer> sealers = new ConcurrentHashMap<>();

    public byte[] encrypt(String election, String publicKeyBase64, byte[] plaintext) {
        return sealers.computeIfAbsent(election, e -> new BallotCrypto.Sealer(e,
                Base64.getDecoder().decode(publicKeyBase64), batchSize, batchMillis)).encrypt(plaintext);
    }

    /** Forgets an election's sealer when its voting closes. */
    public void forget(String election) {
        sealers.remove(election);
    }
}
