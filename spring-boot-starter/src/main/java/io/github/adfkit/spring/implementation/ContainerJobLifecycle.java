package io.github.adfkit.spring.implementation;

import io.github.adfkit.aci.ContainerJobWatcher;
import org.springframework.context.SmartLifecycle;

/**
 * Resumes the jobs a previous host left in the job store when the application starts, and stops watching when it
 * stops (stored jobs stay for the next host).
 */
public final class ContainerJobLifecycle implements SmartLifecycle {
    private final ContainerJobWatcher watcher;
    private final boolean resumeStoredJobs;
    private volatile boolean running;

    /**
     * @param watcher the container job client's watcher
     * @param resumeStoredJobs whether the client has a job store to resume from
     */
    public ContainerJobLifecycle(ContainerJobWatcher watcher, boolean resumeStoredJobs) {
        this.watcher = watcher;
        this.resumeStoredJobs = resumeStoredJobs;
    }

    @Override
    public void start() {
        if (resumeStoredJobs) {
            watcher.resumeStoredJobs();
        }
        running = true;
    }

    @Override
    public void stop() {
        watcher.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
