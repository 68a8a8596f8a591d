package org.presslab.runs.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Time-ordered, so a
 * B-tree index on it stays compact, and unique across every Presslab instance sharing one database
 * without any coordination: two ids collide only if two instances draw the same 74 random bits in the
 * same millisecond (probability about n²/2^75 for n ids in that millisecond). Within one process the
 * ids are strictly increasing (the random part is incremented when the clock has not moved).
 */
final class RunIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long lastRandA;
    private static long lastRandB;

    private RunIds() {
    }

    static synchronized UUID next(long epochMillis) {
        long randA;
        long randB;
        if (epochMillis <= lastMillis) {
            // Same (or an earlier) millisecond: keep the time, increment the 74-bit random part.
            epochMillis = lastMillis;
            randB = (lastRandB + 1) & 0x3FFF_FFFF_FFFF_FFFFL;
            randA = lastRandA + (randB == 0 ? 1 : 0);
            if (randA > 0xFFF) {
                epochMillis++;
                randA = RANDOM.nextInt(0x800);
            }
        } else {
            randA = RANDOM.nextInt(0x1000);
            randB = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        }
        lastMillis = epochMillis;
        lastRandA = randA;
        lastRandB = randB;
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long lsb = 0x8000_0000_0000_0000L | randB;
        return new UUID(msb, lsb);
    }

    static UUID next() {
        return next(System.currentTimeMillis());
    }

    /** The millisecond time stamped in a version-7 id. */
    static long millisOf(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
