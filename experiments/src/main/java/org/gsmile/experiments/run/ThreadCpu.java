package org.gsmile.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gsmile.core.model.ModelThreads;

/**
 * The CPU time of a run split by what the threads did: the model's (its backends' pools, see
 * {@link ModelThreads}), the JIT compilers', the garbage collector's, and the rest (distances, fits,
 * metrics, scheduling, writing). The runner's clock counts a cell's time outside the model only while
 * none of its calls is in flight, so work done beside another cell's model counts for neither; the
 * CPU time says what that work cost.
 *
 * <p>Read from Linux's {@code /proc/self/task}: the JDK gives no CPU time of its compiler and GC
 * threads, nor of a thread that has ended. Each thread's time is sampled whenever a cell finishes
 * and at the end, so a thread that ends in between keeps its last sample; what it did after that
 * sample is counted in the rest (the process total includes every thread, ended or not). Elsewhere
 * {@link #start()} gives nothing and the summary says so.
 */
public final class ThreadCpu {
    /** Linux reports thread times in USER_HZ ticks, 100 a second on every architecture it runs on. */
    private static final double MS_PER_TICK = 10;
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path PROCESS = Path.of("/proc/self/stat");

    /** CPU milliseconds by group; {@code rest} is the process's time less the other three. */
    public record Split(double model, double compilers, double gc, double rest, double process) {
    }

    /** A thread's name and CPU ticks when first seen and when last seen. */
    private record Seen(String name, long first, long last) {
    }

    private final long processAtStart;
    private final Map<String, Seen> threads = new HashMap<>();
    /** Ticks of threads whose id a later thread took (Linux reuses ids), by group. */
    private final Map<Group, Long> retired = new EnumMap<>(Group.class);

    private ThreadCpu(long processAtStart) {
        this.processAtStart = processAtStart;
    }

    /** Starts counting from now; empty where {@code /proc} cannot be read. */
    static Optional<ThreadCpu> start() {
        try {
            ThreadCpu cpu = new ThreadCpu(ticks(Files.readString(PROCESS)));
            cpu.sample(true);
            return Optional.of(cpu);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads every live thread's time again. */
    synchronized void sample() {
        sample(false);
    }

    private void sample(boolean atStart) {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended since the listing
                }
                String id = task.getFileName().toString();
                long now = ticks(stat);
                Seen seen = threads.get(id);
                if (seen != null && now < seen.last()) {
                    retired.merge(group(seen.name()), seen.last() - seen.first(), Long::sum);
                    seen = null;
                }
                // A thread started during the run counts from 0, one alive at the start from its time then.
                threads.put(id, seen == null ? new Seen(name(stat), atStart ? now : 0, now)
                        : new Seen(seen.name(), seen.first(), now));
            }
        } catch (IOException e) {
            // Counted as far as it was read: a thread missed now is sampled at the next cell.
        }
    }

    /** The split since {@link #start()}, after a last sample. */
    synchronized Split stop() {
        sample(false);
        Map<Group, Long> ticks = new EnumMap<>(retired);
        for (Seen s : threads.values()) {
            ticks.merge(group(s.name()), s.last() - s.first(), Long::sum);
        }
        double model = 0;
        double compilers = 0;
        double gc = 0;
        for (Map.Entry<Group, Long> e : ticks.entrySet()) {
            double ms = e.getValue() * MS_PER_TICK;
            switch (e.getKey()) {
                case MODEL -> model += ms;
                case COMPILER -> compilers += ms;
                case GC -> gc += ms;
                case OTHER -> { }
            }
        }
        double process;
        try {
            process = (ticks(Files.readString(PROCESS)) - processAtStart) * MS_PER_TICK;
        } catch (IOException e) {
            process = model + compilers + gc;
        }
        return new Split(model, compilers, gc, Math.max(0, process - model - compilers - gc), process);
    }

    enum Group { MODEL, COMPILER, GC, OTHER }

    /** The group of a thread by its (possibly truncated) Linux name. */
    static Group group(String name) {
        if (name.startsWith(ModelThreads.PREFIX)) {
            return Group.MODEL;
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return Group.COMPILER;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return Group.GC;
        }
        return Group.OTHER;
    }

    /**
     * utime + stime of a {@code stat} line. The name in parentheses may itself hold spaces and
     * parentheses, so the fields are counted from the last closing one.
     */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // Fields 14 and 15 of the line (utime, stime); the first after the name is field 3.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }
}
