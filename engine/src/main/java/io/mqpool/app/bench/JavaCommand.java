package io.mqpool.app.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to start another JVM like this one: the same {@code java} and the same class path, which
 * works alike from the runnable jar (the class path is the jar) and from a test's class path.
 *
 * @param java the executable of this JVM
 * @param classPath this JVM's class path
 */
record JavaCommand(String java, String classPath) {

    /** This JVM's, as the runtime reports them: a child meant to be its twin takes no settings. */
    static JavaCommand ofThisJvm() {
        return new JavaCommand(ProcessHandle.current().info().command().orElse("java"),
                ManagementFactory.getRuntimeMXBean().getClassPath());
    }

    /**
     * Whether a JVM of this class path can record a class-data archive: only of jars. With a
     * directory on it (a test's {@code target/classes}) the JVM fails at exit instead.
     */
    boolean archivable() {
        return !classPath.isEmpty() && Arrays.stream(classPath.split(File.pathSeparator))
                .allMatch(entry -> Files.isRegularFile(Path.of(entry)));
    }

    /** {@code java OPTIONS -cp CLASSPATH MAIN ARGS}. */
    List<String> mainClass(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        return command;
    }
}
