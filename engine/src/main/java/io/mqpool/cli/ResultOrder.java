package io.mqpool.cli;

/** The order results are read in: the inputs' order, or the order tasks finished in. */
enum ResultOrder {
    INPUT("input"),
    COMPLETION("completion");

    private final String apiName;

    ResultOrder(String apiName) {
        this.apiName = apiName;
    }

    String apiName() {
        return apiName;
    }

    static ResultOrder of(boolean unordered) {
        return unordered ? COMPLETION : INPUT;
    }
}
