package org.gsmile.models.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.TopLogprobs;

/**
 * Answers of remote models kept on disk, so that a repeated explanation, or one that shares
 * perturbed prompts with an earlier one, calls the model only for what it has not seen. One JSON
 * file per answer, named by the SHA-256 of its {@link ResponseKey} and holding the key itself, so a
 * file whose key differs (a corrupted or foreign file) is ignored rather than trusted. Text and
 * image answers share the folder; each kind is written by its {@link AnswerCodec}.
 *
 * <p>Files are written to a temporary name and moved into place, so a reader (another run, a crash
 * half-way) never sees half an answer. Thread-safe: concurrent writers of one key write the same
 * bytes.
 */
public final class ResponseCache {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    /** @throws UserInputException when the folder cannot be created */
    public ResponseCache(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException("the response cache " + dir + " is a file, not a folder: set {cache} to a"
                    + " folder, or {cache=none}");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException("cannot create the response cache " + dir + " (" + why(e)
                    + "): set {cache} to a writable folder, or {cache=none}", e);
        }
        // An answer that cannot be saved is not an error (see put), so a folder no answer can ever be
        // saved in would fail silently on every run: refuse it now.
        if (!Files.isWritable(dir)) {
            throw new UserInputException("the response cache " + dir + " is not writable: set {cache} to a writable"
                    + " folder, or {cache=none}");
        }
        this.dir = dir;
    }

    /** What the file system said, without the path the message already names. */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        if (e instanceof NoSuchFileException) {
            return "the file system refuses to create it";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code $XDG_CACHE_HOME/gsmile/responses}, or {@code ~/.cache/gsmile/responses}. */
    public static Path defaultDir(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        Path root = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return root.resolve("gsmile").resolve("responses");
    }

    public Path dir() {
        return dir;
    }

    public Optional<TopLogprobs> get(CacheKey key) {
        return get(key, AnswerCodec.text());
    }

    public boolean put(CacheKey key, TopLogprobs answer) {
        return put(key, answer, AnswerCodec.text());
    }

    /** The answer stored under {@code key}, if an entry holds exactly that key and reads back. */
    public <T> Optional<T> get(ResponseKey key, AnswerCodec<T> codec) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            // Compared as text: a long written as 0 reads back as an int node, equal in JSON but not in Jackson.
            JsonNode stored = root.get("key");
            if (stored == null || !key.toJson().toString().equals(stored.toString())) {
                return Optional.empty();
            }
            return Optional.of(codec.decode(root));
        } catch (IOException | RuntimeException e) {
            // An unreadable entry is a miss: the call is made again and the entry rewritten.
            return Optional.empty();
        }
    }

    /** Stores an answer; a failure to write loses only the saving, never the answer in hand. */
    public <T> boolean put(ResponseKey key, T answer, AnswerCodec<T> codec) {
        Path file = file(key);
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), ".tmp-", ".json");
            ObjectNode entry = JSON.createObjectNode();
            entry.set("key", key.toJson());
            codec.encode(answer, entry);
            Files.writeString(tmp, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Nothing more to do: a stray temp file is never read as an entry.
                }
            }
            return false;
        }
    }

    Path file(ResponseKey key) {
        String hash = key.sha256();
        return dir.resolve(hash.substring(0, 2)).resolve(hash + ".json");
    }
}
