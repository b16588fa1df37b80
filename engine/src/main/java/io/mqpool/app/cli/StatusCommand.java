package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import io.mqpool.config.Durations;
import io.mqpool.jobs.JobPriority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mqpool status [ID]}: one job's state, counts, rate and times; without an id, the server's. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows a job's state, task counts, rate and times.",
            "Without an id, shows the server: version, workers, data directory, running jobs, and the",
            "running jobs that are stuck (no outcome recorded for longer than jobs.stuck-after)."},
        footer = {"", "Example:", "  mqpool status 7f3c2a", "  mqpool status --json 7f3c2a | jq .state"})
final class StatusCommand extends ClientCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The job's id.")
    String id;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean jsonOutput;

    @Override
    int run(ApiClient api) {
        JsonNode answer = id == null ? api.status() : api.job(id);
        if (jsonOutput) {
            printJson(answer);
        } else if (id == null) {
            printServer(answer);
        } else {
            printJob(JobView.of(answer, json()));
        }
        return ExitCodes.DONE;
    }

    private void printServer(JsonNode status) {
        out().println("server   " + serverUrl());
        out().println("version  " + status.path("version").asText("?"));
        out().println("workers  " + status.path("workers").asText("?"));
        out().println("data     " + status.path("dataDir").asText("?"));
        out().println("running  " + status.path("jobsRunning").asText("?") + " jobs");
        for (JsonNode stuck : status.path("stuck")) {
            out().println("stuck    job " + stuck.path("id").asText() + " (" + stuck.path("task").asText()
                    + "): no progress for " + Durations.forPeople(Duration.ofMillis(stuck.path("noProgressMs").asLong()))
                    + " (threshold " + Durations.forPeople(Duration.ofMillis(stuck.path("thresholdMs").asLong())) + ")");
        }
        out().flush();
    }

    private void printJob(JobView job) {
        out().println("job       " + job.id());
        out().println("task      " + job.task() + " (" + String.join(", ", options(job)) + ")");
        out().println("state     " + job.state());
        String percent = job.total() == null ? "?" : Long.toString(ProgressLine.percent(job.finished(), job.total()));
        out().println("progress  " + job.finished() + "/" + job.totalText() + " (" + percent + "%): "
                + (job.finished() - job.failed()) + " succeeded, " + job.failed() + " failed, "
                + job.running() + " running, " + (job.pending() == null ? "?" : job.pending()) + " pending");
        String eta = job.ended() || job.total() == null ? "" : ", ETA " + ProgressLine.eta(job.remaining(), job.rate());
        out().println("rate      " + ProgressLine.rate(job.rate()) + eta);
        out().println("created   " + Timestamps.display(job.createdAt()));
        out().println("finished  " + Timestamps.display(job.finishedAt()));
        if (job.elapsedMs() != null) {
            out().println("elapsed   " + Durations.forPeople(Duration.ofMillis(job.elapsedMs())));
        }
        out().flush();
    }

    private static List<String> options(JobView job) {
        List<String> options = new ArrayList<>();
        options.add(String.valueOf(job.mode()));
        if (job.chunksize() != null) {
            options.add("chunksize " + job.chunksize());
        }
        if (job.taskTimeout() != null) {
            options.add("task timeout " + job.taskTimeout());
        }
        if (job.timeout() != null) {
            options.add("timeout " + job.timeout());
        }
        if (job.retries() != null) {
            options.add("retries " + job.retries());
        }
        if (job.priority() != null && !job.priority().equals(JobPriority.NORMAL.label())) {
            options.add("priority " + job.priority());
        }
        return options;
    }
}
