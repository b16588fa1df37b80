package io.mqpool.server.web;

import io.mqpool.engine.JobSpec;
import java.util.List;

/** A submission that passed every check: ready to store. */
record ValidatedJob(JobSpec spec, List<String> argsJson) {
}
