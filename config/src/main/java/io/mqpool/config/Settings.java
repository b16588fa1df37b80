package io.mqpool.config;

import java.nio.file.Path;

/**
 * Every setting of one mqpool process, loaded once by {@link SettingsLoader}.
 *
 * @param dataDir where the broker journal, the database and the logs live
 * @param tasksDir where jars of user tasks are found
 * @param store where the job store lives: the data directory's H2 file unless a URL is given
 * @param jobs how running jobs are watched, and what happens to them once they are finished
 */
public record Settings(Path dataDir, Path tasksDir, BrokerSettings broker, WorkerSettings worker,
                       HttpSettings http, StoreSettings store, JobsSettings jobs) {

    /** Settings with the default watch and retention of jobs ({@link JobsSettings#DEFAULTS}). */
    public Settings(Path dataDir, Path tasksDir, BrokerSettings broker, WorkerSettings worker, HttpSettings http,
                    StoreSettings store) {
        this(dataDir, tasksDir, broker, worker, http, store, JobsSettings.DEFAULTS);
    }

    /** Settings with the store in the data directory. */
    public Settings(Path dataDir, Path tasksDir, BrokerSettings broker, WorkerSettings worker, HttpSettings http) {
        this(dataDir, tasksDir, broker, worker, http, StoreSettings.IN_DATA_DIR);
    }
}
