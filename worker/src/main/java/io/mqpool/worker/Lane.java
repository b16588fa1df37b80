package io.mqpool.worker;

import io.mqpool.broker.DeadLetters;
import io.mqpool.broker.Queues;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * One transacted session of the worker, on a connection whose consumers have one window, with
 * what a chunk's transaction sends to: the result queue, the dead letters, and the task queue
 * (for a chunk put back). A chunk is received, answered and committed on one lane.
 *
 * @param window the consumer window of the session's connection: 0 takes one chunk at a time
 */
record Lane(int window, Session session, MessageProducer results, MessageProducer tasks,
            DeadLetters deadLetters) {

    static Lane open(Session session, int window) throws JMSException {
        return new Lane(window, session, Queues.producer(session, Queues.RESULTS), Queues.producer(session, Queues.TASKS),
                new DeadLetters(session));
    }

    MessageConsumer openTaskConsumer() throws JMSException {
        return Queues.consumer(session, Queues.TASKS);
    }
}
