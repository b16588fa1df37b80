package io.mqpool.jobs;

/**
 * This worker held a lock or permit, but the engine ended the worker's session meanwhile (its
 * heartbeat lapsed, or an operator forced the release), so another task may have held it since.
 * The work done under it must be treated as unprotected.
 */
public class LockOwnershipLostException extends SharedStateException {

    public LockOwnershipLostException(String message) {
        super(message);
    }
}
