package dev.sparkdoc.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongSetTest {

    /** Random adds, removes and lookups against java.util.HashSet, over keys dense enough to collide a lot. */
    @Test
    void behavesAsAHashSet() {
        Random random = new Random(42);
        LongSet set = new LongSet();
        Set<Long> oracle = new HashSet<>();
        long[] specials = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1};
        for (int op = 0; op < 300_000; op++) {
            long key = random.nextInt(10) == 0 ? specials[random.nextInt(specials.length)]
                    : random.nextInt(4_000) * (random.nextBoolean() ? 1L : 1L << 32);
            switch (random.nextInt(3)) {
                case 0 -> assertEquals(oracle.add(key), set.add(key), "add " + key + " at op " + op);
                case 1 -> assertEquals(oracle.remove(key), set.remove(key), "remove " + key + " at op " + op);
                default -> assertEquals(oracle.contains(key), set.contains(key), "contains " + key + " at op " + op);
            }
            assertEquals(oracle.size(), set.size());
        }
        for (Long key : oracle) {
            assertEquals(true, set.contains(key), "still there: " + key);
        }
    }

    /** A stage's running tasks come and go: once they have all ended the table is small again. */
    @Test
    void shrinksAsTasksEnd() {
        LongSet set = new LongSet();
        List<Long> ids = new ArrayList<>();
        for (long id = 1_000_000; id < 1_100_000; id++) {
            set.add(id);
            ids.add(id);
        }
        int grown = set.capacity();
        for (long id : ids) {
            assertEquals(true, set.remove(id));
        }
        assertEquals(0, set.size());
        assertEquals(true, grown >= 200_000, "grown to " + grown);
        assertEquals(16, set.capacity());
    }
}
