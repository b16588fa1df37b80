package io.mqpool.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.broker.TaskChunk;
import io.mqpool.config.BrokerSettings;
import io.mqpool.config.WorkerSettings;
import io.mqpool.outcome.TaskOutcome.Value;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs from a class path of jars: the first supervisor's first worker records the class
 * archive as it exits, the next supervisor's workers start from it and run chunks, and none of
 * the JVM's archive messages reaches the workers' output.
 */
class WorkerClassArchiveIT {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private TaskQueueClient queues;
    private final List<Supervisor> supervisors = new ArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, 0, 5), dir.resolve("broker"));
        queues = new TaskQueueClient(broker);
        queues.session();
    }

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::terminate);
        queues.close();
        broker.close();
    }

    @Test
    void theFirstWorkerRecordsTheArchiveAndTheNextWorkersStartFromIt() throws Exception {
        WorkerSettings settings = settings(jarredClassPath());
        Path archives = settings.classArchives().orElseThrow();

        Supervisor first = started(settings);
        assertEquals(List.of(1L, 0L), archiveOptionCounts(first), "one worker records, the other starts plain");
        first.close();

        List<Path> recorded = files(archives);
        assertEquals(1, recorded.size(), "one archive and no recording left: " + recorded);
        Path archive = recorded.get(0);
        assertTrue(archive.getFileName().toString().matches("worker-[0-9a-f]{24}\\.jsa"), archive.toString());
        assertTrue(Files.size(archive) > 1_000_000, "it holds the worker's classes: " + Files.size(archive));

        Supervisor second = started(settings);
        for (WorkerView worker : second.workers()) {
            assertTrue(arguments(worker.pid()).contains("-XX:SharedArchiveFile=" + archive), worker.id());
        }
        queues.send(new TaskChunk("job-1", 0, 0, 2, "square", "[3, 4]", 0));
        ChunkResult squares = queues.awaitResult(Duration.ofSeconds(10));
        assertEquals(List.of(new Value("9"), new Value("16")), TaskQueueClient.outcomes(squares));
        second.close();

        assertEquals(List.of(archive), files(archives), "nothing recorded again");
        assertTrue(output.stream().noneMatch(line -> line.contains("cds")), "no archive message: " + output);
    }

    @Test
    void aRecordingWorkerKilledLeavesNoArchiveAndTheNextSupervisorRecordsIt() throws Exception {
        WorkerSettings settings = settings(jarredClassPath());
        Path archives = settings.classArchives().orElseThrow();

        started(settings).terminate();
        assertEquals(List.of(), files(archives));

        Supervisor next = started(settings);
        assertEquals(List.of(1L, 0L), archiveOptionCounts(next));
        next.close();
        assertEquals(1, files(archives).size());
    }

    @Test
    void aClassPathWithADirectoryOrOptionsThatChooseSharingGetNoArchive() throws IOException {
        Path jar = jar(dir.resolve("classes"), dir.resolve("one.jar"));
        Path archives = dir.resolve("archives");
        assertTrue(archiveOf(withClassPath(jar.toString(), List.of(), archives)).isPresent());
        assertFalse(archiveOf(withClassPath(jar + File.pathSeparator + dir, List.of(), archives))
                .isPresent());
        assertFalse(archiveOf(withClassPath(jar.toString(), List.of("-Xshare:off"), archives))
                .isPresent());
        assertFalse(archiveOf(new WorkerSettings(1, JAVA, List.of(), jar.toString(),
                Duration.ofSeconds(30), Duration.ofSeconds(1), 3)).isPresent(), "archives turned off");

        Path before = archiveOf(withClassPath(jar.toString(), List.of(), archives)).orElseThrow().file();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(0));
        Path after = archiveOf(withClassPath(jar.toString(), List.of(), archives)).orElseThrow().file();
        assertFalse(before.equals(after), "a rebuilt jar gets an archive of its own");
    }

    private static Optional<WorkerClassArchive> archiveOf(WorkerSettings settings) {
        return WorkerClassArchive.of(settings, Clock.systemUTC());
    }

    private WorkerSettings settings(String classPath) {
        return withClassPath(classPath, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"),
                dir.resolve("archives"));
    }

    private static WorkerSettings withClassPath(String classPath, List<String> options, Path archives) {
        return new WorkerSettings(2, JAVA, options, classPath, Duration.ofSeconds(30), Duration.ofSeconds(1), 3,
                Optional.of(archives));
    }

    private Supervisor started(WorkerSettings settings) {
        Supervisor supervisor = new Supervisor(settings,
                new WorkerLaunch(broker.url(), dir.resolve("tasks"), 0), output::add, e -> { });
        supervisors.add(supervisor);
        supervisor.start();
        return supervisor;
    }

    /** For each worker, how many of its JVM options record an archive and how many use one. */
    private static List<Long> archiveOptionCounts(Supervisor supervisor) {
        long recording = 0;
        long using = 0;
        for (WorkerView worker : supervisor.workers()) {
            List<String> arguments = arguments(worker.pid());
            recording += arguments.stream().filter(a -> a.startsWith("-XX:ArchiveClassesAtExit=")).count();
            using += arguments.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).count();
        }
        return List.of(recording, using);
    }

    /** A worker's command line, read where ProcessHandle cannot (it leaves out one this long). */
    private static List<String> arguments(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path archives) throws IOException {
        if (!Files.isDirectory(archives)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(archives)) {
            return files.sorted().toList();
        }
    }

    /** This JVM's class path with each directory packed into a jar: the JVM archives jars only. */
    private String jarredClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            entries.add(Files.isDirectory(path) ? jar(path, dir.resolve("jars").resolve(++n + ".jar")).toString() : entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(classes);
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }
}
