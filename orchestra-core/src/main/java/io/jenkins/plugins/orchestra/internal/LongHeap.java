package io.jenkins.plugins.orchestra.internal;

import java.util.Arrays;
import java.util.NoSuchElementException;

/** A min-heap of primitive longs, so that hot queues box nothing. */
public final class LongHeap {
    private long[] items = new long[16];
    private int size;

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public void add(long value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (items[parent] <= value) {
                break;
            }
            items[at] = items[parent];
            at = parent;
        }
        items[at] = value;
    }

    public long peek() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return items[0];
    }

    public long poll() {
        long top = peek();
        long last = items[--size];
        int at = 0;
        int half = size >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            if (child + 1 < size && items[child + 1] < items[child]) {
                child++;
            }
            if (last <= items[child]) {
                break;
            }
            items[at] = items[child];
            at = child;
        }
        if (size > 0) {
            items[at] = last;
        }
        return top;
    }
}
