package io.mqpool.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** iproute2's {@code ip}, for the tests that make addresses and hosts on this machine. */
final class IpCommand {

    private IpCommand() {
    }

    /** Runs {@code ip ARGS}; true if it succeeded within 10 s, false also when there is no {@code ip}. */
    static boolean run(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            MqpoolCli.read(process.getInputStream());
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
