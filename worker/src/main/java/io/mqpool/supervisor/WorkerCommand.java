package io.mqpool.supervisor;

import io.mqpool.config.WorkerSettings;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts one worker JVM. */
final class WorkerCommand {

    static final String MAIN_CLASS = "io.mqpool.worker.WorkerMain";

    private WorkerCommand() {
    }

    /**
     * The command of worker {@code workerId}, with the class-archive options after the JVM
     * options; with {@code standby}, it waits for {@code go} on
     * stdin once ready, before it takes chunks.
     */
    static List<String> of(WorkerSettings settings, List<String> archiveOptions, WorkerLaunch launch,
                           String workerId, java.nio.file.Path currentTaskFile, boolean standby) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaCommand().toString());
        command.addAll(settings.jvmOptions());
        command.addAll(archiveOptions);
        command.add("-cp");
        command.add(settings.classPath());
        command.add(MAIN_CLASS);
        command.add("--broker");
        command.add(launch.brokerUrl());
        command.add("--id");
        command.add(workerId);
        if (launch.tasksDir() != null) {
            command.add("--tasks-dir");
            command.add(launch.tasksDir().toString());
        }
        command.add("--consumer-window");
        command.add(Integer.toString(launch.consumerWindowSize()));
        command.add("--broker-wait");
        command.add(Long.toString(launch.brokerWait().toMillis()));
        command.add("--supervised");
        command.add("--current-task-file");
        command.add(currentTaskFile.toString());
        if (launch.initializer() != null) {
            command.add("--initializer");
            command.add(launch.initializer());
            command.add("--initializer-arg");
            command.add(launch.initializerArgJson());
        }
        if (launch.maxTasksPerWorker() > 0) {
            command.add("--max-tasks");
            command.add(Long.toString(launch.maxTasksPerWorker()));
        }
        if (standby) {
            command.add("--standby");
        }
        if (launch.credentialsFile() != null) {
            // The file, not the password: a command line is there for anyone to read in ps.
            command.add("--credentials-file");
            command.add(launch.credentialsFile().toString());
        }
        return command;
    }
}
