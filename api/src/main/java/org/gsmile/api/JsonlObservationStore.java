package org.gsmile.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Baseline;

/**
 * An {@link ObservationStore} in one append-only JSON Lines file: a line per baseline
 * ({@code {"b": key, "prompt", "output", "tokens"}}) or shift ({@code {"s": key, "d", "o"}}), read
 * whole when opened. A shift is a few dozen bytes where the observation behind it (32 positions of
 * 512-token distributions) is 64 KB, so the store stays small for long runs.
 *
 * <p>Appending is what makes it safe to kill: a process stopped mid-write leaves at most a torn
 * last line, which opening the file cuts off (everything before it is whole). Lines are appended
 * in batches under a lock. A batch is not forced to disk: what a killed process wrote is in the
 * operating system's hands already, and only a crash of the machine could lose the tail, which is
 * then observed again (the store is a cache; results do not depend on it). Forcing every batch
 * held the lock through an fsync per batch, 1 % of the model's time in a runner of two cells
 * (compare-architectures.yaml: 5.5 % outside the model with it, 4.5 % without). The file is forced
 * when the store closes.
 */
public final class JsonlObservationStore implements ObservationStore, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Baseline> baselines = new ConcurrentHashMap<>();
    private final Map<String, Shift> shifts = new ConcurrentHashMap<>();

    private JsonlObservationStore(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (or creates) the store, cutting off a torn last line. */
    public static JsonlObservationStore open(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            JsonlObservationStore store = new JsonlObservationStore(file, channel);
            store.load();
            return store;
        } catch (IOException e) {
            throw new UserInputException("cannot open the observation store " + file + " (" + e.getMessage()
                    + "): check that the run folder is writable", e);
        }
    }

    private void load() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        long good = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            if (line.isBlank()) {
                good = start;
                continue;
            }
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (IOException e) {
                // Only the last line can be torn; a bad line in the middle is a foreign file.
                throw new UserInputException(file + " is not an observation store (a line is not JSON): delete it"
                        + " and run again to observe afresh");
            }
            read(o);
            good = start;
        }
        // Whatever follows the last newline is a write cut short.
        channel.truncate(good);
        channel.position(good);
    }

    private void read(JsonNode o) {
        if (o.has("b")) {
            JsonNode t = o.path("tokens");
            int[] tokens = new int[t.size()];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = t.get(i).asInt();
            }
            baselines.put(o.get("b").asText(), new Baseline(o.path("prompt").asText(), o.path("output").asText(),
                    tokens));
        } else if (o.has("s")) {
            shifts.put(o.get("s").asText(), new Shift(o.path("d").asDouble(), o.path("o").asText("")));
        }
    }

    public Path file() {
        return file;
    }

    /** Baselines and shifts held. */
    public int size() {
        return baselines.size() + shifts.size();
    }

    @Override
    public Optional<Baseline> baseline(String key) {
        return Optional.ofNullable(baselines.get(key));
    }

    @Override
    public void putBaseline(String key, Baseline baseline) {
        if (baselines.putIfAbsent(key, baseline) != null) {
            return;
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("b", key);
        o.put("prompt", baseline.prompt());
        o.put("output", baseline.output());
        ArrayNode t = o.putArray("tokens");
        for (int id : baseline.outputTokens()) {
            t.add(id);
        }
        append(o.toString() + "\n");
    }

    @Override
    public Optional<Shift> shift(String key) {
        return Optional.ofNullable(shifts.get(key));
    }

    @Override
    public void putShifts(Map<String, Shift> batch) {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, Shift> e : batch.entrySet()) {
            if (shifts.putIfAbsent(e.getKey(), e.getValue()) == null) {
                ObjectNode o = JSON.createObjectNode();
                o.put("s", e.getKey());
                o.put("d", e.getValue().delta());
                o.put("o", e.getValue().output());
                lines.append(o).append('\n');
            }
        }
        if (!lines.isEmpty()) {
            append(lines.toString());
        }
    }

    private synchronized void append(String lines) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the observation store " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.force(false);
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
