package io.mqpool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns the caller's arguments into the JSON that crosses the wire, naming the argument that
 * cannot be, and hands on what the caller's iterable throws as the caller's own exception.
 */
final class ArgumentEncoder {

    private final TaskJson json;

    ArgumentEncoder(TaskJson json) {
        this.json = json;
    }

    /**
     * Reads and encodes every argument, on this thread.
     *
     * @throws IllegalArgumentException naming the first argument that cannot be encoded
     * @throws RuntimeException what the iterable threw: itself if unchecked, else wrapped once
     */
    List<String> encodeAll(Iterable<?> args) {
        return readAll(args, this::encode);
    }

    /**
     * Reads every tuple of a starmap and encodes it, checking it fits the task's record.
     *
     * @throws IllegalArgumentException naming the first tuple that cannot be encoded or does not fit
     * @throws RuntimeException what the iterable threw: itself if unchecked, else wrapped once
     */
    List<String> encodeTuples(RegisteredTask task, Iterable<? extends List<?>> tuples) {
        return readAll(tuples, (index, tuple) -> encodeTuple(task, index, tuple));
    }

    /** Encodes each item with its index, on this thread; hands on what the iterable throws. */
    private static <T> List<String> readAll(Iterable<? extends T> items, IndexedEncoding<T> encoding) {
        List<String> encoded = new ArrayList<>();
        try {
            for (T item : items) {
                encoded.add(encoding.encode(encoded.size(), item));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) { // a checked exception thrown sneakily by the caller's iterator
            throw uncheckedInputFailure(e);
        }
        return encoded;
    }

    @FunctionalInterface
    private interface IndexedEncoding<T> {
        String encode(long index, T item);
    }

    /**
     * One argument as JSON text.
     *
     * @throws IllegalArgumentException {@code argument <index> (<class>) cannot be encoded as
     *     JSON: <the encoder's reason>}, or if the JSON is over {@link TaskJson#MAX_VALUE_CHARS}
     */
    String encode(long index, Object arg) {
        String text;
        try {
            text = json.toJsonText(arg);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("argument " + index + " (" + className(arg)
                    + ") cannot be encoded as JSON: " + e.getOriginalMessage(), e);
        }
        if (text.length() > TaskJson.MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("argument " + index + " (" + className(arg) + ") is "
                    + text.length() + " characters of JSON, over the limit of " + TaskJson.MAX_VALUE_CHARS
                    + " per argument; pass a file name instead");
        }
        return text;
    }

    /**
     * The arguments of a lazy job (imap), encoded as the dispatcher reads them. What the input or
     * the encoding throws is kept in {@code failure} for the caller.
     */
    LazyArguments lazy(Iterable<?> args) {
        return new LazyArguments(args.iterator());
    }

    private String encodeTuple(RegisteredTask task, long index, List<?> tuple) {
        JsonNode node;
        try {
            node = json.toJson(tuple);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tuple " + index + " (" + className(tuple)
                    + ") cannot be encoded as JSON: " + e.getMessage(), e);
        }
        try {
            json.bindArgument(task, node);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tuple " + index + ": " + e.getMessage(), e);
        }
        return node.toString();
    }

    private static String className(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** A checked exception from the caller's input, wrapped once so it can travel unchecked. */
    private static RuntimeException uncheckedInputFailure(Throwable e) {
        if (e instanceof IOException io) {
            return new UncheckedIOException("reading the input failed: " + e, io);
        }
        return new RuntimeException("reading the input failed: " + e, e);
    }

    /**
     * The caller's iterator as the dispatcher reads it. On the first failure it keeps the
     * caller's exception and throws a marker that makes the dispatcher stop reading.
     */
    final class LazyArguments implements Iterator<String> {

        private final Iterator<?> input;
        private long index;
        private volatile Throwable failure;

        private LazyArguments(Iterator<?> input) {
            this.input = input;
        }

        @Override
        public boolean hasNext() {
            try {
                return input.hasNext();
            } catch (Throwable e) {
                throw failed(e);
            }
        }

        @Override
        public String next() {
            try {
                return encode(index++, input.next());
            } catch (Throwable e) {
                throw failed(e);
            }
        }

        /** What the input threw, as the caller should see it; null while it has not. */
        Throwable failure() {
            return failure;
        }

        private InputStopped failed(Throwable e) {
            failure = e instanceof RuntimeException || e instanceof Error ? e : uncheckedInputFailure(e);
            return new InputStopped();
        }
    }

    /** Tells the dispatcher to stop reading an input; the caller's exception is kept aside. */
    private static final class InputStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputStopped() {
            super("the input of the job threw", null, false, false);
        }
    }
}
