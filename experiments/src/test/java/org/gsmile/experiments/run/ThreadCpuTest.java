package org.gsmile.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.gsmile.core.model.ModelThreads;
import org.junit.jupiter.api.Test;

/** A run's CPU time split by thread: the model's pools, the compilers, the collector and the rest. */
class ThreadCpuTest {

    @Test
    void aStatLineIsReadFromItsLastParenthesis() {
        // A thread's name may hold spaces and parentheses of its own.
        String stat = "4242 (C2 CompilerThre) S 1 2 3 4 5 6 7 8 9 10 1234 56 0 0 20 0 1 0 100 0 0";
        assertEquals(1234 + 56, ThreadCpu.ticks(stat));
        assertEquals("C2 CompilerThre", ThreadCpu.name(stat));
        String odd = "7 (a) b (c) S 1 2 3 4 5 6 7 8 9 10 3 4 0 0";
        assertEquals(7, ThreadCpu.ticks(odd));
        assertEquals("a) b (c", ThreadCpu.name(odd));
    }

    @Test
    void threadsAreGroupedByName() {
        assertEquals(ThreadCpu.Group.MODEL, ThreadCpu.group("gsmile-model-ll"));
        assertEquals(ThreadCpu.Group.COMPILER, ThreadCpu.group("C1 CompilerThre"));
        assertEquals(ThreadCpu.Group.COMPILER, ThreadCpu.group("C2 CompilerThre"));
        assertEquals(ThreadCpu.Group.GC, ThreadCpu.group("GC Thread#0"));
        assertEquals(ThreadCpu.Group.GC, ThreadCpu.group("G1 Conc#0"));
        assertEquals(ThreadCpu.Group.OTHER, ThreadCpu.group("gsmile-shifts"));
        assertEquals(ThreadCpu.Group.OTHER, ThreadCpu.group("main"));
    }

    @Test
    void workOnAModelThreadCountsAsTheModelsAndTheRestAsTheRest() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/task")), "needs Linux's /proc");
        ThreadCpu cpu = ThreadCpu.start().orElseThrow();
        ThreadFactory model = ModelThreads.daemon("test");
        ExecutorService modelPool = Executors.newSingleThreadExecutor(model);
        ExecutorService otherPool = Executors.newSingleThreadExecutor(r -> new Thread(r, "not-the-model"));
        try {
            modelPool.submit(() -> spin(400)).get();
            otherPool.submit(() -> spin(200)).get();
            // As the runner does when a cell ends: a thread that ends later keeps what this sample saw.
            cpu.sample();
        } finally {
            modelPool.shutdown();
            otherPool.shutdown();
        }
        assertTrue(modelPool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
        ThreadCpu.Split split = cpu.stop();
        // Ticks are 10 ms, and a loaded machine may not give a thread all of its wall time.
        assertTrue(split.model() >= 300, "model " + split.model());
        assertTrue(split.rest() >= 150, "rest " + split.rest());
        assertTrue(split.process() >= split.model() + split.rest(), split.toString());
    }

    /** Spins for this much of the thread's own CPU time. */
    private static void spin(long cpuMs) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + cpuMs * 1_000_000;
        double x = 0;
        while (threads.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += Math.sqrt(i + x);
            }
        }
        if (x == 42) {
            System.out.println(x);
        }
    }
}
