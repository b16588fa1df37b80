package io.mqpool.app.cli;

/** How {@code --wait} and {@code --follow} show progress on stderr. */
enum ProgressMode {
    /** A bar when stderr is a terminal, else lines. */
    AUTO,
    /** One line redrawn in place with carriage returns. */
    BAR,
    /** A plain line every couple of seconds, for logs and pipes. */
    LINES,
    /** Nothing. */
    NONE;

    /** Parses {@code --progress}: auto, bar, lines or none, in any case. */
    static ProgressMode of(String text) {
        for (ProgressMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw CliException.badInput("--progress must be auto, bar, lines or none, got '" + text + "'");
    }

    /** AUTO resolved: {@code stderrIsTerminal} is usually {@code System.console() != null}. */
    ProgressMode resolve(boolean stderrIsTerminal) {
        if (this != AUTO) {
            return this;
        }
        return stderrIsTerminal ? BAR : LINES;
    }
}
