package io.mqpool.worker;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The flags of a worker's command line as picocli binds them; {@link WorkerArguments#parse}
 * turns them into arguments. A flag's value may follow it or come after {@code =}.
 */
@Command(name = "WorkerMain")
final class WorkerFlags {

    @Option(names = "--broker", paramLabel = "URL")
    private String broker;

    @Option(names = "--id", paramLabel = "ID")
    private String id;

    @Option(names = "--tasks-dir", paramLabel = "DIR")
    private Path tasksDir;

    @Option(names = "--consumer-window", paramLabel = "N", converter = ByteCount.class)
    private long consumerWindow;

    @Option(names = "--broker-wait", paramLabel = "MILLIS", converter = Millis.class)
    private long brokerWaitMillis;

    @Option(names = "--supervised")
    private boolean supervised;

    @Option(names = "--initializer", paramLabel = "TASK")
    private String initializer;

    @Option(names = "--initializer-arg", paramLabel = "JSON")
    private String initializerArg = "null";

    @Option(names = "--max-tasks", paramLabel = "N", converter = TaskCount.class)
    private long maxTasks;

    @Option(names = "--current-task-file", paramLabel = "FILE")
    private Path currentTaskFile;

    @Option(names = "--standby")
    private boolean standby;

    @Option(names = "--credentials-file", paramLabel = "FILE")
    private Path credentialsFile;

    /**
     * The arguments these flags give.
     *
     * @throws IllegalArgumentException when {@code --broker} or {@code --id} is missing or blank
     */
    WorkerArguments toArguments() {
        if (broker == null || broker.isBlank()) {
            throw new IllegalArgumentException("--broker is required");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("--id is required");
        }
        return new WorkerArguments(broker, id, tasksDir, Math.toIntExact(consumerWindow),
                Duration.ofMillis(brokerWaitMillis), supervised, initializer, initializerArg, maxTasks,
                currentTaskFile, standby, credentialsFile);
    }

    /** A whole number in a range; picocli puts the option's name before the message. */
    private abstract static class WholeNumber implements ITypeConverter<Long> {

        private final long min;
        private final long max;
        private final String what;

        WholeNumber(long min, long max, String what) {
            this.min = min;
            this.max = max;
            this.what = what;
        }

        @Override
        public Long convert(String value) {
            try {
                long number = Long.parseLong(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // the same message as for a number out of range, below
            }
            throw new TypeConversionException("'" + value + "' is not " + what);
        }
    }

    /** The consumer window: -1 (unbounded), 0 (one chunk at a time) or bytes. */
    static final class ByteCount extends WholeNumber {
        ByteCount() {
            super(-1, Integer.MAX_VALUE, "a number of bytes >= -1");
        }
    }

    static final class Millis extends WholeNumber {
        Millis() {
            super(0, Long.MAX_VALUE, "a number of milliseconds >= 0");
        }
    }

    static final class TaskCount extends WholeNumber {
        TaskCount() {
            super(0, Long.MAX_VALUE, "a whole number >= 0");
        }
    }
}
