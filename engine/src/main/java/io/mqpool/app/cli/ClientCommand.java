package io.mqpool.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ApiRefusedException;
import io.mqpool.app.client.HttpJson;
import io.mqpool.app.client.ResultOrder;
import io.mqpool.app.client.ServerUnreachableException;
import io.mqpool.config.ClientSettings;
import io.mqpool.config.SecretFiles;
import io.mqpool.config.SettingsException;
import io.mqpool.config.SettingsLoader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that talks to a server shares: {@code --server URL} (else
 * {@code MQPOOL_SERVER}, else the local default, through {@link SettingsLoader#loadClient}),
 * output through the command's own writers, and failures as one line {@code mqpool: ...} with
 * the exit code they carry.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL",
            description = "The mqpool server (default: $MQPOOL_SERVER, else http://127.0.0.1:8080).")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "The server's API token, needed beyond its own host (default: $MQPOOL_TOKEN, "
                    + "else the data directory's http-token when readable).")
    Path tokenFile;

    private final ObjectMapper json = HttpJson.newMapper();

    @Override
    public final Integer call() {
        try {
            ClientSettings settings = clientSettings();
            return run(new ApiClient(new HttpJson(settings.server(), json, token(settings))));
        } catch (CliException e) {
            return fail(e.getMessage(), e.exitCode());
        } catch (ApiRefusedException e) {
            return fail(e.getMessage(), ExitCodes.USAGE);
        } catch (ServerUnreachableException e) {
            return fail(e.getMessage(), ExitCodes.UNREACHABLE);
        }
    }

    private int fail(String message, int exitCode) {
        out().flush();
        err().println("mqpool: " + message);
        err().flush();
        return exitCode;
    }

    /** Does the command's work; answers its exit code. */
    abstract int run(ApiClient api);

    /** The {@code --server} flag as given, or null; a subcommand may fall back to its parent's. */
    String serverFlag() {
        return server;
    }

    /** The {@code --token-file} flag as given, or null; a subcommand may fall back to its parent's. */
    Path tokenFileFlag() {
        return tokenFile;
    }

    final URI serverUrl() {
        return clientSettings().server();
    }

    private ClientSettings clientSettings() {
        Map<String, String> flags = new HashMap<>();
        flags.put("server", serverFlag());
        Path file = tokenFileFlag();
        flags.put("token-file", file == null ? null : file.toString());
        try {
            return SettingsLoader.fromSystem().loadClient(flags);
        } catch (SettingsException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    private static Optional<String> token(ClientSettings settings) {
        try {
            return settings.resolveToken();
        } catch (SecretFiles.SecretFileException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    final ObjectMapper json() {
        return json;
    }

    /** Prints the API's JSON as it came, on one line. */
    final void printJson(JsonNode node) {
        try {
            out().println(json.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON the server sent: " + e.getOriginalMessage(), e);
        }
        out().flush();
    }

    /**
     * Prints a job's results until it ends, with progress on stderr; answers the exit code of how
     * it ended. Blocks until then; Ctrl-C stops the watching, not the job.
     */
    final int followResults(ApiClient api, String jobId, ResultOrder order, boolean jsonLines, ProgressMode mode) {
        return followResults(api, jobId, order, jsonLines, mode, null);
    }

    /**
     * Like {@link #followResults(ApiClient, String, ResultOrder, boolean, ProgressMode)}, writing
     * each outcome's line to {@code jobLog} too (null for none).
     */
    final int followResults(ApiClient api, String jobId, ResultOrder order, boolean jsonLines, ProgressMode mode,
                            JobLog jobLog) {
        ProgressReporter progress = new ProgressReporter(err(), mode.resolve(stderrIsTerminal()),
                Clock.systemUTC(), ProgressReporter.LINE_INTERVAL);
        ResultStream stream = new ResultStream(api, new ResultPrinter(out(), err(), json, jsonLines),
                progress, Clock.systemUTC(), jobLog);
        JobEnd end = stream.follow(jobId, order);
        end.note().ifPresent(note -> err().println("mqpool: " + note));
        err().flush();
        return end.exitCode();
    }

    /** Whether stderr is a terminal, which {@code --progress auto} draws a bar on. */
    boolean stderrIsTerminal() {
        return System.console() != null;
    }
}
