package io.mqpool.app.bench;

import java.util.ArrayList;
import java.util.List;

/** The jobs the soak's clients have checked, and how long each took. Thread-safe. */
final class SoakJobs {

    /**
     * A big job.
     *
     * @param startSeconds when it was submitted, since the clients started
     * @param seconds from its submission until its last result was read
     */
    record BigJob(double startSeconds, double seconds) {
    }

    private final List<BigJob> big = new ArrayList<>();
    private final List<Double> smallMillis = new ArrayList<>();

    synchronized void bigChecked(BigJob job) {
        big.add(job);
    }

    /** A one-task job, {@code millis} from its submission until its result was read and the job had ended. */
    synchronized void smallChecked(double millis) {
        smallMillis.add(millis);
    }

    synchronized List<BigJob> big() {
        return List.copyOf(big);
    }

    synchronized List<Double> smallMillis() {
        return List.copyOf(smallMillis);
    }

    /** Such as {@code 12 big and 118 one-task jobs checked}. */
    synchronized String summary() {
        return big.size() + " big and " + smallMillis.size() + " one-task jobs checked";
    }
}
