package io.mqpool.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds a task jar the way a user would ship one: compiled classes plus a services file. */
final class TaskJars {

    private TaskJars() {
    }

    /**
     * Compiles the sources (fully qualified class name to source text) against the jobs classes
     * and writes them, with a services file listing {@code registered}, into {@code jar}.
     */
    static Path build(Path jar, Map<String, String> sources, List<String> registered) throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), "src");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", jobsClasses(), "-proc:none"));
        args.addAll(files);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test task sources did not compile");
        }
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path f : compiled.filter(Files::isRegularFile).collect(Collectors.toList())) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(f));
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry("META-INF/services/" + Task.class.getName()));
            jarOut.write((String.join("\n", registered) + "\n").getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static String jobsClasses() {
        try {
            return Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The source of a task {@code Task<Integer, String>} named {@code name} in class {@code fqcn}. */
    static String task(String fqcn, String annotation) {
        int dot = fqcn.lastIndexOf('.');
        return "package " + fqcn.substring(0, dot) + ";\n"
                + "import io.mqpool.jobs.*;\n"
                + annotation + "\n"
                + "public class " + fqcn.substring(dot + 1) + " implements Task<Integer, String> {\n"
                + "  public String call(Integer n, TaskContext ctx) { return \"user task \" + n; }\n"
                + "}\n";
    }
}
