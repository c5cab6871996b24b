package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The box's formulas against answers computed outside Java ({@code printf ... | sha256sum}, and
 * {@code openssl pkeyutl -sign} for Ed25519), so a change to any formula fails here, not only in
 * a round trip through the same code.
 */
class BoxChainTest {

    private static final String ELECTION = "0b7e6f1c-2a9d-4c1e-9f3b-5d8a7c6e4b21";
    /** SHA-256 of "test". */
    private static final String FINGERPRINT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String ELECTION_KEY = "MCowBQYDK2VwAyEA";
    private static final String RECEIPT_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String RECEIPT_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** printf 'openprimary-box/1\n0b7e...4b21\n9f86...0a08\nMCowBQYDK2VwAyEA\n' | sha256sum */
    private static final String GENESIS = "5c13d7b4ea2f99dae5bfe2f5b4499e7d6f21571fc39a4e0ccfa567042785b4c8";
    /** printf '5c13...b4c8\n1\nba78...15ad\n' | sha256sum */
    private static final String HEAD_1 = "c12eb29ec3a8e81dba0079cce0e7bb0e2608019d3ca71d6eeb8051918ff36490";
    /** printf 'c12e...6490\n2\ne3b0...b855\n' | sha256sum */
    private static final String HEAD_2 = "7fe3ff22bbe261a90f44444ce8dc0cbfdf2ff83a8029b678b1904243010a4726";

    /** RFC 8032, section 7.1, test 1: the secret key as PKCS#8 DER, the public key as X.509 (base64). */
    private static final String RFC8032_SECRET_PKCS8 =
            "302e020100300506032b6570042204209d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC8032_PUBLIC = "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    /** RFC 8032 test 1's signature of the empty message. */
    private static final String RFC8032_EMPTY_SIGNATURE =
            "5VZDAMNgrHKQhuLMgG6CioSHfx645dl02HPgZSJJAVVfuIIVkKM7rMYeOXAc+bRr0lv18FlbviRlUUFDjnoQCw==";
    /** openssl pkeyutl -sign -rawin with the RFC 8032 key over the checkpoint text of {@link #HEAD_1}. */
    private static final String CHECKPOINT_1_SIGNATURE =
            "+cBrU7MYeMTOGOunmEtzS58SWHqkzjxmN7jGffzC4NtZNx8/tcEj72wMZscRWHGx6DUCW4MCM3y+L/EQjfeOAw==";

    private static final Instant AT = Instant.parse("2027-01-17T16:00:00Z");

    @Test
    void aReceiptIsTheSha256OfTheEncryptedBallot() {
        assertEquals(RECEIPT_ABC, BoxChain.receipt("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(RECEIPT_EMPTY, BoxChain.receipt(new byte[0]));
    }

    @Test
    void theGenesisHeadBindsTheElectionTheSealAndTheKey() {
        assertEquals(GENESIS, BoxChain.genesis(ELECTION, FINGERPRINT, ELECTION_KEY));
        assertNotEquals(GENESIS, BoxChain.genesis(ELECTION, FINGERPRINT.replace('9', '8'), ELECTION_KEY));
        assertNotEquals(GENESIS, BoxChain.genesis(ELECTION, FINGERPRINT, ELECTION_KEY + "A"));
        assertNotEquals(GENESIS, BoxChain.genesis(ELECTION.replace('0', '1'), FINGERPRINT, ELECTION_KEY));
    }

    @Test
    void eachHeadChainsThePreviousHeadThePositionAndTheReceipt() {
        assertEquals(HEAD_1, BoxChain.next(GENESIS, 1, RECEIPT_ABC));
        assertEquals(HEAD_2, BoxChain.next(HEAD_1, 2, RECEIPT_EMPTY));
        assertNotEquals(HEAD_1, BoxChain.next(GENESIS, 2, RECEIPT_ABC), "the position is part of the link");
        assertNotEquals(HEAD_2, BoxChain.next(BoxChain.next(GENESIS, 1, RECEIPT_EMPTY), 2, RECEIPT_ABC),
                "the order of receipts is part of the head");
    }

    @Test
    void theCheckpointTextIsTheDocumentedLines() {
        assertEquals("openprimary-checkpoint/1\nelection=" + ELECTION + "\nballots=1\nhead=" + HEAD_1
                + "\nat=2027-01-17T16:00:00Z\n", BoxChain.checkpointText(ELECTION, 1, HEAD_1, AT));
    }

    @Test
    void signatureValidAcceptsTheRfc8032TestVector() {
        assertTrue(BoxChain.signatureValid("", RFC8032_EMPTY_SIGNATURE, RFC8032_PUBLIC));
        assertFalse(BoxChain.signatureValid("x", RFC8032_EMPTY_SIGNATURE, RFC8032_PUBLIC));
    }

    @Test
    void aCheckpointSignedByOpensslVerifiesAndSignIsByteForByteTheSame() throws Exception {
        String text = BoxChain.checkpointText(ELECTION, 1, HEAD_1, AT);
        assertTrue(BoxChain.signatureValid(text, CHECKPOINT_1_SIGNATURE, RFC8032_PUBLIC));
        PrivateKey key = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(HexFormat.of().parseHex(RFC8032_SECRET_PKCS8)));
        assertEquals(CHECKPOINT_1_SIGNATURE, BoxChain.sign(text, key), "Ed25519 is deterministic");
        assertFalse(BoxChain.signatureValid(BoxChain.checkpointText(ELECTION, 2, HEAD_1, AT), CHECKPOINT_1_SIGNATURE,
                RFC8032_PUBLIC), "the number of ballots is signed");
        assertFalse(BoxChain.signatureValid(BoxChain.checkpointText(ELECTION, 1, HEAD_2, AT), CHECKPOINT_1_SIGNATURE,
                RFC8032_PUBLIC), "the head is signed");
        assertFalse(BoxChain.signatureValid(BoxChain.checkpointText(ELECTION, 1, HEAD_1, AT.plusSeconds(1)),
                CHECKPOINT_1_SIGNATURE, RFC8032_PUBLIC), "the time is signed");
    }

    @Test
    void aSignatureUnderAnotherKeyIsNotValid() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String text = BoxChain.checkpointText(ELECTION, 1, HEAD_1, AT);
        String signature = BoxChain.sign(text, other.getPrivate());
        String otherPublic = Base64.getEncoder().encodeToString(other.getPublic().getEncoded());
        assertTrue(BoxChain.signatureValid(text, signature, otherPublic));
        assertFalse(BoxChain.signatureValid(text, signature, RFC8032_PUBLIC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "AAAA", "MCowBQYDK2VwAyEA"})
    void aMalformedKeyOrSignatureIsSimplyNotValid(String malformed) {
        String text = BoxChain.checkpointText(ELECTION, 1, HEAD_1, AT);
        assertFalse(BoxChain.signatureValid(text, malformed, RFC8032_PUBLIC));
        assertFalse(BoxChain.signatureValid(text, CHECKPOINT_1_SIGNATURE, malformed));
    }

    @Test
    void isHashAcceptsOnly64LowerCaseHexadecimalCharacters() {
        assertTrue(BoxChain.isHash(RECEIPT_ABC));
        assertFalse(BoxChain.isHash(RECEIPT_ABC.toUpperCase(java.util.Locale.ROOT)));
        assertFalse(BoxChain.isHash(RECEIPT_ABC.substring(1)));
        assertFalse(BoxChain.isHash(RECEIPT_ABC + "0"));
        assertFalse(BoxChain.isHash(RECEIPT_ABC.replace('a', 'g')));
        assertFalse(BoxChain.isHash(null));
    }
}
