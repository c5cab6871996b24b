package org.openprimary.voting.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openprimary.common.InvalidInputException;

class BallotCryptoTest {

    private static final String ELECTION = "0b0e6a3c-6b9f-4c5e-9d0a-1f2e3d4c5b6a";

    @Test
    void aBallotDecryptsWithTheElectionsPrivateKeyOnly() throws Exception {
        BallotCrypto.KeyPair key = BallotCrypto.generateKeyPair();
        BallotCrypto.Sealer sealer = new BallotCrypto.Sealer(ELECTION, key.publicKey(), 100, 10_000);
        byte[] ballot = {4, 0, 2};
        byte[] encrypted = sealer.encrypt(ballot);

        assertEquals(32 + 12 + 3 + 16, encrypted.length);
        assertArrayEquals(ballot, new BallotCrypto.Opener(ELECTION, key.privateKey()).decrypt(encrypted));
        BallotCrypto.KeyPair other = BallotCrypto.generateKeyPair();
        assertThrows(BallotCrypto.UndecryptableBallotException.class,
                () -> new BallotCrypto.Opener(ELECTION, other.privateKey()).decrypt(encrypted));
    }

    @Test
    void aBallotCopiedIntoAnotherElectionOrAlteredDoesNotDecrypt() throws Exception {
        BallotCrypto.KeyPair key = BallotCrypto.generateKeyPair();
        byte[] encrypted = new BallotCrypto.Sealer(ELECTION, key.publicKey(), 100, 10_000).encrypt(new byte[] {1, 2});
        assertThrows(BallotCrypto.UndecryptableBallotException.class,
                () -> new BallotCrypto.Opener("another-election", key.privateKey()).decrypt(encrypted));
        for (int position : new int[] {0, 33, encrypted.length - 1}) {
            byte[] altered = encrypted.clone();
            altered[position] ^= 1;
            assertThrows(BallotCrypto.UndecryptableBallotException.class,
                    () -> new BallotCrypto.Opener(ELECTION, key.privateKey()).decrypt(altered), "byte " + position);
        }
    }

    @Test
    void identicalBallotsLookDifferentAndBatchesRotate() throws Exception {
        BallotCrypto.KeyPair key = BallotCrypto.generateKeyPair();
        BallotCrypto.Sealer sealer = new BallotCrypto.Sealer(ELECTION, key.publicKey(), 3, 10_000);
        Set<String> encapsulations = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        BallotCrypto.Opener opener = new BallotCrypto.Opener(ELECTION, key.privateKey());
        for (int i = 0; i < 9; i++) {
            byte[] encrypted = sealer.encrypt(new byte[] {1, 1});
            encapsulations.add(Arrays.toString(Arrays.copyOf(encrypted, 32)));
            ciphertexts.add(Arrays.toString(encrypted));
            assertArrayEquals(new byte[] {1, 1}, opener.decrypt(encrypted));
        }
        assertEquals(3, encapsulations.size(), "a new HPKE context every 3 ballots");
        assertEquals(9, ciphertexts.size(), "no two encryptions alike");
    }

    @Test
    void anyThresholdOfSharesRebuildsTheKeyAndFewerDoNot() {
        BallotCrypto.KeyPair key = BallotCrypto.generateKeyPair();
        List<TrusteeShares.Share> shares = TrusteeShares.split(key.privateKey(), 3, 5);
        assertEquals(5, shares.size());
        int[][] subsets = {{1, 2, 3}, {1, 3, 5}, {2, 4, 5}, {5, 4, 3}};
        for (int[] subset : subsets) {
            Map<Integer, byte[]> chosen = new HashMap<>();
            for (int index : subset) {
                chosen.put(index, shares.get(index - 1).value());
            }
            assertArrayEquals(key.privateKey(), TrusteeShares.combine(chosen), Arrays.toString(subset));
        }
        Map<Integer, byte[]> two = Map.of(1, shares.get(0).value(), 4, shares.get(3).value());
        assertFalse(Arrays.equals(key.privateKey(), TrusteeShares.combine(two)));
        assertArrayEquals(key.publicKey(), BallotCrypto.publicKeyOf(key.privateKey()));
    }

    @Test
    void aShareOpensWithItsTrusteesPassphraseOnly() throws Exception {
        char[] passphrase = "correct horse battery staple".toCharArray();
        TrusteeShares.Enrolment enrolment = TrusteeShares.enrol(passphrase);
        TrusteeShares.Share share = TrusteeShares.split(BallotCrypto.generateKeyPair().privateKey(), 2, 3).get(1);
        byte[] sealed = TrusteeShares.seal(share, enrolment.publicKey(), ELECTION);

        TrusteeShares.Share opened = TrusteeShares.open(sealed, 2, passphrase, enrolment.salt(), ELECTION);
        assertArrayEquals(share.value(), opened.value());
        assertEquals(share.hash(), opened.hash());
        assertThrows(TrusteeShares.WrongPassphraseException.class, () -> TrusteeShares.open(sealed, 2,
                "correct horse battery stapl".toCharArray(), enrolment.salt(), ELECTION));
        assertThrows(TrusteeShares.WrongPassphraseException.class,
                () -> TrusteeShares.open(sealed, 3, passphrase, enrolment.salt(), ELECTION), "another index");
        assertThrows(TrusteeShares.WrongPassphraseException.class,
                () -> TrusteeShares.open(sealed, 2, passphrase, enrolment.salt(), "another-election"));
        assertNotEquals(share.hash(), new TrusteeShares.Share(3, share.value()).hash());
    }

    @Test
    void aShortPassphraseIsRefused() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> TrusteeShares.enrol("short".toCharArray()));
        assertEquals("passphrase", refused.field().orElseThrow());
    }
}
