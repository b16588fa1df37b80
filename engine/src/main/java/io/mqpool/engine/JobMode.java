package io.mqpool.engine;

/** How a job was submitted; it decides how its results are handed back. */
public enum JobMode {
    MAP, STARMAP, APPLY, IMAP, IMAP_UNORDERED
}
