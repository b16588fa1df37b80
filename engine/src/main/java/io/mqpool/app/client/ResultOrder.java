package io.mqpool.app.client;

/** The order results are read in: the inputs' order, or the order tasks finished in. */
public enum ResultOrder {
    INPUT("input"),
    COMPLETION("completion");

    private final String apiName;

    ResultOrder(String apiName) {
        this.apiName = apiName;
    }

    /** The value of the results endpoint's {@code order} parameter. */
    public String apiName() {
        return apiName;
    }

    public static ResultOrder of(boolean unordered) {
        return unordered ? COMPLETION : INPUT;
    }
}
