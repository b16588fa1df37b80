package io.mqpool.app.cli;

import io.mqpool.config.Settings;
import io.mqpool.config.SettingsException;
import io.mqpool.config.SettingsLoader;
import io.mqpool.server.BrokerServer;
import io.mqpool.server.ServerStartException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mqpool broker}: only mqpool's broker, in a process of its own, until SIGTERM or Ctrl-C,
 * for servers started with {@code --broker}. Logs go to {@code <data>/mqpool.log}; standard
 * output gets one status line.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs only mqpool's broker (its queues, retries, dead letters and journal), for servers",
            "started with --broker URL. On first start it writes, readable by their owner only,",
            "<data>/worker-credentials.properties (for mqpool worker) and <data>/engine-credentials.properties",
            "(for mqpool server --broker-credentials); files that exist are read, not replaced."},
        footer = {"", "Example:", "  mqpool broker --port 61616 --data ~/.mqpool-broker",
            "  (then: mqpool server --broker tcp://127.0.0.1:61616 "
                + "--broker-credentials ~/.mqpool-broker/engine-credentials.properties)"})
final class BrokerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default 61616; 0 picks a free one).")
    private String port;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to bind (default 127.0.0.1; beyond loopback it asks for credentials).")
    private String bind;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory: journal and credential files (default ~/.mqpool-broker).")
    private String data;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings (broker.*).")
    private String config;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = SettingsLoader.fromSystem().loadForBroker(flags());
        } catch (SettingsException e) {
            err.println("mqpool: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        BrokerServer broker;
        try {
            broker = BrokerServer.start(settings, () -> ServerCommand.logTo(settings.dataDir(), err));
        } catch (ServerStartException e) {
            err.println("mqpool: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        // Only this main installs a hook: SIGTERM and Ctrl-C stop the broker; halting with 0
        // once it has stopped reports a clean stop rather than the JVM's 143.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            out.flush();
            Runtime.getRuntime().halt(ExitCodes.DONE);
        }, "mqpool-shutdown"));
        out.println("mqpool broker " + Version.current() + " listening on " + broker.url() + ", data in "
                + broker.dataDir());
        out.flush();
        broker.awaitClosed();
        return ExitCodes.DONE;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        flags.put("broker.port", port);
        flags.put("broker.host", bind);
        flags.put("data", data);
        flags.put(SettingsLoader.CONFIG_FLAG, config);
        return flags;
    }
}
