package io.github.adfkit.benchmarks.asyncclient;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the JVM's live threads and heap every 50 ms while a phase runs and keeps the peaks. The heap figure is what
 * the heap pools held after their last collection (the live data, not the garbage not yet collected).
 */
final class ResourceSampler implements AutoCloseable {
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "benchmark-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final int threadsAtStart;
    private final AtomicLong peakHeap = new AtomicLong();

    ResourceSampler() {
        System.gc();
        threadsAtStart = threadBean.getThreadCount();
        threadBean.resetPeakThreadCount();
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(heapAfterLastCollection(), Math::max), 0, 50,
            TimeUnit.MILLISECONDS);
    }

    private static long heapAfterLastCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
                used += afterCollection.getUsed();
            }
        }
        return used;
    }

    int peakThreadsAboveStart() {
        return threadBean.getPeakThreadCount() - threadsAtStart;
    }

    long peakHeapMb() {
        return peakHeap.get() / (1024 * 1024);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
