package io.mqpool.server.web;

/**
 * What the user typed into the submit form, kept as text so a refused form shows it again as
 * typed. Every field may be null (not sent).
 */
record SubmitValues(String task, String args, String range, String mode, String chunksize, String taskTimeout,
                    String timeout, String retries, String maxInFlight, String retryTimeouts, String priority,
                    String retention) {

    static final SubmitValues EMPTY =
            new SubmitValues(null, null, null, "map", null, null, null, null, null, null, "normal", null);

    /** Whether the retry-timeouts box was ticked (a checkbox sends its value only when ticked). */
    boolean retryTimeoutsTicked() {
        return retryTimeouts != null && !retryTimeouts.isBlank();
    }
}
