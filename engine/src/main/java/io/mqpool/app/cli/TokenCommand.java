package io.mqpool.app.cli;

import io.mqpool.config.ClientSettings;
import io.mqpool.config.SecretFiles;
import io.mqpool.config.Settings;
import io.mqpool.config.SettingsException;
import io.mqpool.config.SettingsLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mqpool token}: prints the HTTP API token of a data directory, for clients on other hosts. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Prints the server's HTTP API token, which clients beyond this host must send",
            "(Authorization: Bearer TOKEN; mqpool commands read it from --token-file or $MQPOOL_TOKEN).",
            "The server makes it on its first start, in its data directory."},
        footer = {"", "Example:", "  mqpool token > token && chmod 600 token",
            "  mqpool jobs --server http://10.0.0.5:8080 --token-file token"})
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ~/.mqpool).")
    private String data;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings.")
    private String config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> flags = new HashMap<>();
        flags.put("data", data);
        flags.put(SettingsLoader.CONFIG_FLAG, config);
        try {
            Settings settings = SettingsLoader.fromSystem().load(flags);
            Path file = settings.dataDir().resolve(ClientSettings.TOKEN_FILE_NAME);
            if (!Files.exists(file)) {
                err.println("mqpool: there is no API token in " + settings.dataDir().toAbsolutePath()
                        + " yet: the server makes it on its first start (mqpool server --data DIR)");
                err.flush();
                return ExitCodes.USAGE;
            }
            out.println(SecretFiles.read(file, "the HTTP API token").strip());
            out.flush();
            return ExitCodes.DONE;
        } catch (SettingsException | SecretFiles.SecretFileException e) {
            err.println("mqpool: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
    }
}
