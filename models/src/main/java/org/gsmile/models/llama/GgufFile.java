package org.gsmile.models.llama;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gsmile.core.UserInputException;

/**
 * The parsed contents of a GGUF file. Metadata values are Long (all integer types), Double (both
 * float types), Boolean, String, or List of those (arrays).
 */
public record GgufFile(Path path, int version, Map<String, Object> metadata, Map<String, GgufTensor> tensors) {

    public GgufFile {
        metadata = Map.copyOf(metadata);
        tensors = Map.copyOf(tensors);
    }

    public Optional<Object> value(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    public long requireLong(String key) {
        return optionalLong(key).orElseThrow(() -> missing("metadata key " + key));
    }

    public Optional<Long> optionalLong(String key) {
        return value(key).map(v -> typed(key, v, Long.class));
    }

    public Optional<Double> optionalDouble(String key) {
        return value(key).map(v -> v instanceof Long l ? (double) l : typed(key, v, Double.class));
    }

    public String requireString(String key) {
        return typed(key, value(key).orElseThrow(() -> missing("metadata key " + key)), String.class);
    }

    public List<?> requireList(String key) {
        return typed(key, value(key).orElseThrow(() -> missing("metadata key " + key)), List.class);
    }

    public Optional<GgufTensor> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    public GgufTensor requireTensor(String name) {
        return tensor(name).orElseThrow(() -> missing("tensor " + name));
    }

    private <T> T typed(String key, Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new UserInputException(path + " has metadata " + key + " of type " + value.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName() + ": the file is not a llama GGUF this engine understands");
        }
        return type.cast(value);
    }

    private UserInputException missing(String what) {
        return new UserInputException(path + " lacks " + what + ": it is not a llama GGUF this engine understands");
    }
}
