package io.outsight.index.dedup;

import java.util.Arrays;
import java.util.Objects;

/**
 * Objects held under small non-negative numbers, a removed object's number being given to the next one added: what
 * lets {@link LongKeyIndex} hold a member of the band table as an int inside a long.
 *
 * <p>Not thread-safe.
 */
final class NumberedPool<T> {
    private Object[] items = new Object[64];
    /** The numbers freed, to be given first: a stack of {@link #freeCount}. */
    private int[] free = new int[64];
    private int freeCount;
    /** How many numbers were ever given. */
    private int given;

    /** Holds the item; returns its number. */
    int add(T item) {
        Objects.requireNonNull(item, "item");
        int number;
        if (freeCount > 0) {
            number = free[--freeCount];
        } else {
            number = given++;
            if (number == items.length) {
                items = Arrays.copyOf(items, 2 * items.length);
            }
        }
        items[number] = item;
        return number;
    }

    /** The item held under the number. */
    @SuppressWarnings("unchecked")
    T get(int number) {
        Object item = items[number];
        if (item == null) {
            throw new IllegalArgumentException("no item under " + number);
        }
        return (T) item;
    }

    /** Drops the item held under the number, whose number is given again. */
    void remove(int number) {
        if (items[number] == null) {
            throw new IllegalArgumentException("no item under " + number);
        }
        items[number] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, 2 * free.length);
        }
        free[freeCount++] = number;
    }
}
