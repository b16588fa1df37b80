package io.mqpool.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start another JVM like this one: the same {@code java} and, for a main class, the same
 * class path, which works alike from the runnable jar and from a test's class path.
 *
 * @param java the executable of this JVM
 * @param classPath this JVM's class path
 */
record JavaCommand(String java, String classPath) {

    /** This JVM's; the one place the bench reads its system properties for a child. */
    static JavaCommand ofThisJvm() {
        return new JavaCommand(ProcessHandle.current().info().command().orElse("java"),
                System.getProperty("java.class.path"));
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

    /** {@code java -jar JAR ARGS}. */
    List<String> jar(Path jar, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(args);
        return command;
    }
}
