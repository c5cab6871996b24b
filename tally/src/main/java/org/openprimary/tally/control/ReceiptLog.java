package org.openprimary.tally.control;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The receipts of a record in box order, compactly: 32 bytes per well-formed receipt (2,000,000
 * receipts take 64 MB, a {@code HashSet<String>} of them about five times that), with an
 * open-addressing index that finds a repeated receipt as it is added. The verifier keeps them to
 * recompute the chain's head at each checkpoint, which comes after the receipts in the record.
 *
 * <p>Receipts come from the record, so whoever wrote it chooses them: the index hashes with a key
 * drawn afresh for each log, so no record can be made to collide on purpose and slow the search.
 * A receipt that is not 64 lower-case hexadecimal characters is kept aside as text (the chain
 * still takes it as it is). Positions count from 1.
 */
final class ReceiptLog {

    private static final int BYTES = 32;
    /**
     * Receipts per chunk: chunks of 256 KiB, so growing never copies the whole log, and each chunk
     * stays under half a G1 region even in a small heap (a larger array would be "humongous" and
     * take whole regions: with 1 MiB chunks, 2,000,000 receipts did not fit in a 128 MB heap).
     */
    private static final int CHUNK_SHIFT = 13;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final HexFormat HEX = HexFormat.of();

    private final List<byte[]> chunks = new ArrayList<>();
    private final Map<Integer, String> malformed = new HashMap<>();
    private final Map<String, Integer> malformedFirst = new HashMap<>();
    private final long key = new SecureRandom().nextLong() | 1;
    private final byte[] scratch = new byte[BYTES];
    /** Positions of well-formed receipts, 0 for an empty slot; a power of two, at most half full. */
    private int[] slots = new int[1 << 10];
    private int indexed;
    private int size;

    /**
     * Adds the receipt at the next position.
     *
     * @return the earlier position holding the same receipt, or 0 when it is new
     * @throws IllegalStateException beyond 2<sup>31</sup> − 1 receipts
     */
    int add(String receipt) {
        if (size == Integer.MAX_VALUE) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " receipts");
        }
        int position = ++size;
        if ((position - 1) % CHUNK == 0) {
            chunks.add(new byte[CHUNK * BYTES]);
        }
        if (!BoxChain.isHash(receipt)) {
            malformed.put(position, receipt);
            Integer first = malformedFirst.putIfAbsent(receipt, position);
            return first == null ? 0 : first;
        }
        for (int i = 0; i < BYTES; i++) {
            scratch[i] = (byte) (HexFormat.fromHexDigit(receipt.charAt(2 * i)) << 4
                    | HexFormat.fromHexDigit(receipt.charAt(2 * i + 1)));
        }
        int mask = slots.length - 1;
        for (int slot = hash(scratch, 0) & mask; ; slot = (slot + 1) & mask) {
            int held = slots[slot];
            if (held == 0) {
                break;
            }
            if (java.util.Arrays.equals(chunk(held), offset(held), offset(held) + BYTES, scratch, 0, BYTES)) {
                // Stored anyway: the chain needs every position, repeated or not.
                System.arraycopy(scratch, 0, chunk(position), offset(position), BYTES);
                return held;
            }
        }
        System.arraycopy(scratch, 0, chunk(position), offset(position), BYTES);
        insert(position);
        if (++indexed > slots.length / 2) {
            grow();
        }
        return 0;
    }

    /** The receipt at a position, as the record gave it. */
    String receipt(int position) {
        if (position < 1 || position > size) {
            throw new IndexOutOfBoundsException("position " + position + " of " + size);
        }
        String text = malformed.get(position);
        return text != null ? text : HEX.formatHex(chunk(position), offset(position), offset(position) + BYTES);
    }

    /** The number of receipts added. */
    int size() {
        return size;
    }

    private byte[] chunk(int position) {
        return chunks.get((position - 1) >>> CHUNK_SHIFT);
    }

    private static int offset(int position) {
        return ((position - 1) & (CHUNK - 1)) * BYTES;
    }

    private void insert(int position) {
        int mask = slots.length - 1;
        int slot = hash(chunk(position), offset(position)) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = position;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        for (int position : old) {
            if (position != 0) {
                insert(position);
            }
        }
    }

    /** A keyed multiply-xorshift over the receipt's four 64-bit words. */
    private int hash(byte[] bytes, int offset) {
        long h = key;
        for (int word = 0; word < 4; word++) {
            long w = 0;
            for (int b = 0; b < 8; b++) {
                w = (w << 8) | (bytes[offset + word * 8 + b] & 0xff);
            }
            h = (h ^ w) * key;
            h ^= h >>> 29;
        }
        h *= 0x9e3779b97f4a7c15L;
        return (int) (h ^ (h >>> 32));
    }
}
