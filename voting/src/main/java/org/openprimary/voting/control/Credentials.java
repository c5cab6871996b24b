package org.openprimary.voting.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Voters' credentials: 128 bits, derived with HMAC-SHA256 from a per-election random key and the
 * voter's id, so that the links can be sent when voting opens while the server keeps only the
 * hashes; the key is erased at the opening. The roll's commitment is the SHA-256 of the sorted
 * credential hashes, one per line: it covers every voter without naming anyone.
 */
public final class Credentials {

    private Credentials() {
    }

    public static String credential(byte[] key, UUID voterId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(("openprimary credential/1 voter=" + voterId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every Java platform", e);
        }
    }

    public static String hash(String credential) {
        return Digests.sha256(credential);
    }

    public static String commitment(List<String> credentialHashes) {
        StringBuilder text = new StringBuilder("openprimary roll credentials/1\n");
        credentialHashes.stream().sorted().forEach(h -> text.append(h).append('\n'));
        return Digests.sha256(text.toString());
    }
}
