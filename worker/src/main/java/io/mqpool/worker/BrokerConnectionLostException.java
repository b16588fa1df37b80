package io.mqpool.worker;

/** The worker's connection to the broker is gone; the worker exits with code 3. */
final class BrokerConnectionLostException extends Exception {

    BrokerConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
