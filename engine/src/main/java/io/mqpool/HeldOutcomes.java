package io.mqpool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcomes of a job on threads from when its chunks finish until they are handed out, in
 * the order the job hands them out; a chunk handed out is let go. Not thread-safe: its job
 * holds its own lock around every call.
 */
final class HeldOutcomes {

    private final ThreadJob.HandOut handOut;
    private final Map<Integer, List<Outcome<Object>>> byChunk = new HashMap<>();
    /** The chunks in the order they finished; kept only for a job handed out in that order. */
    private final ArrayDeque<Integer> completionOrder = new ArrayDeque<>();
    private int nextInInputOrder;

    HeldOutcomes(ThreadJob.HandOut handOut) {
        this.handOut = handOut;
    }

    void hold(int chunkNo, List<Outcome<Object>> outcomes) {
        byChunk.put(chunkNo, outcomes);
        if (handOut == ThreadJob.HandOut.COMPLETION_ORDER) {
            completionOrder.add(chunkNo);
        }
    }

    /** Up to {@code limit} chunks' outcomes: the next in input order that finished, or the next to finish. */
    List<List<Outcome<Object>>> next(int limit) {
        List<List<Outcome<Object>>> page = new ArrayList<>();
        while (page.size() < limit) {
            Integer chunkNo = handOut == ThreadJob.HandOut.COMPLETION_ORDER ? completionOrder.poll()
                    : byChunk.containsKey(nextInInputOrder) ? Integer.valueOf(nextInInputOrder++) : null;
            if (chunkNo == null) {
                return page;
            }
            page.add(byChunk.remove(chunkNo));
        }
        return page;
    }

    /** Every outcome of chunks 0 to {@code chunks - 1}, in input order: a job handed out at its end. */
    List<Outcome<Object>> all(int chunks) {
        List<Outcome<Object>> all = new ArrayList<>();
        for (int chunkNo = 0; chunkNo < chunks; chunkNo++) {
            all.addAll(byChunk.get(chunkNo));
        }
        return all;
    }

    /** Lets go of everything held: nobody will take it. */
    void clear() {
        byChunk.clear();
        completionOrder.clear();
    }
}
