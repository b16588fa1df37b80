package io.mqpool.config;

import java.nio.file.Path;

/**
 * Every setting of one mqpool process, loaded once by {@link SettingsLoader}.
 *
 * @param dataDir where the broker journal, the database and the logs live
 * @param tasksDir where jars of user tasks are found
 */
public record Settings(Path dataDir, Path tasksDir, BrokerSettings broker, WorkerSettings worker,
                       HttpSettings http) {
}
