package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class NumberedPoolTest {
    @Test
    void givesNumbersFromZeroAndAFreedNumberFirst() {
        var pool = new NumberedPool<String>();
        assertEquals(0, pool.add("a"));
        assertEquals(1, pool.add("b"));
        assertEquals(2, pool.add("c"));
        pool.remove(1);
        pool.remove(0);
        assertEquals(0, pool.add("d"), "the number freed last is given first");
        assertEquals(1, pool.add("e"));
        assertEquals(3, pool.add("f"), "no number freed: a new one");
        assertEquals("d", pool.get(0));
        assertEquals("c", pool.get(2));
    }

    @Test
    void holdsMoreThanItStartedWithAndRefusesNumbersItDoesNotHold() {
        var pool = new NumberedPool<Object>();
        var items = new ArrayList<Object>();
        for (int i = 0; i < 1000; i++) {
            var item = new Object();
            items.add(item);
            assertEquals(i, pool.add(item));
        }
        for (int i = 0; i < 1000; i += 7) {
            assertSame(items.get(i), pool.get(i));
        }
        for (int i = 0; i < 1000; i++) {
            pool.remove(i);
        }
        for (int i = 0; i < 1000; i++) {
            pool.add(items.get(i));
        }
        assertThrows(IllegalArgumentException.class, () -> pool.get(1000));
        pool.remove(5);
        assertThrows(IllegalArgumentException.class, () -> pool.get(5));
        assertThrows(IllegalArgumentException.class, () -> pool.remove(5));
    }
}
