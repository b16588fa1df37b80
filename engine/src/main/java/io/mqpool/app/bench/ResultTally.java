package io.mqpool.app.bench;

import java.util.BitSet;
import java.util.function.LongUnaryOperator;

/**
 * What a job handed back, against what it should have: every index of {@code 0..total-1} once,
 * with the right value. An index whose only values are wrong counts as lost, since its result is
 * not there; a second result for an index counts as duplicated.
 */
final class ResultTally {

    private final int total;
    private final LongUnaryOperator expected;
    private final BitSet listed;
    private final BitSet right;
    private long results;

    /** @param expected the right value of each index, such as n → n³ over {@code 0..total-1} */
    ResultTally(long total, LongUnaryOperator expected) {
        if (total < 0 || total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a tally counts 0 to " + Integer.MAX_VALUE + " tasks, not " + total);
        }
        this.total = (int) total;
        this.expected = expected;
        this.listed = new BitSet(this.total);
        this.right = new BitSet(this.total);
    }

    /**
     * One result as the server listed it.
     *
     * @param value null for a failed task
     * @throws IllegalStateException for an index outside the job, which the server must never list
     */
    void add(long index, Long value) {
        if (index < 0 || index >= total) {
            throw new IllegalStateException("the server listed index " + index + " of a job of " + total + " tasks");
        }
        results++;
        listed.set((int) index);
        if (value != null && value == expected.applyAsLong(index)) {
            right.set((int) index);
        }
    }

    /** Tasks with no right result. */
    long lost() {
        return total - right.cardinality();
    }

    /** Every result listed, right, wrong or twice. */
    long results() {
        return results;
    }

    /** Results beyond the first for an index. */
    long duplicated() {
        return results - listed.cardinality();
    }
}
