package org.gsmile.models.llama;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gsmile.core.UserInputException;

/**
 * Parses GGUF (versions 2 and 3): header, every metadata value type (so unknown keys are skipped
 * safely), tensor infos, alignment padding, then the tensor data. Only F32 tensors are supported;
 * quantised files are rejected up front rather than silently mis-read.
 */
public final class GgufReader {

    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian int32
    private static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4;
    private static final int TYPE_F32 = 0;

    /** ggml_type names by id, for error messages; gaps are ids ggml has retired. */
    private static final String[] GGML_TYPE_NAMES = {
        "F32", "F16", "Q4_0", "Q4_1", "Q4_2", "Q4_3", "Q5_0", "Q5_1", "Q8_0", "Q8_1", "Q2_K", "Q3_K", "Q4_K",
        "Q5_K", "Q6_K", "Q8_K", "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S", "IQ2_S", "IQ4_XS",
        "I8", "I16", "I32", "I64", "F64", "IQ1_M", "BF16", "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "TQ1_0", "TQ2_0",
        "IQ4_NL_4_4", "IQ4_NL_4_8", "IQ4_NL_8_8", "MXFP4"
    };

    private GgufReader() {
    }

    private record TensorInfo(String name, long[] shape, long offset) {
        long elements() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    public static GgufFile read(Path file) {
        ModelFileInput in = ModelFileInput.open(file);
        if (in.size() < 4 || in.readInt() != MAGIC) {
            throw new UserInputException(file + " is not a GGUF file (no GGUF magic at its start"
                    + (ModelFileInput.looksLikeText(in) ? "; it is text" : "") + "): give an F32 llama .gguf file");
        }
        int version = in.readInt();
        if (version != 2 && version != 3) {
            throw new UserInputException(file + " is GGUF version " + version
                    + "; this reader understands versions 2 and 3: convert it with a recent llama.cpp");
        }
        long tensorCount = nonNegative(in, in.readLong(), "tensor count");
        long metadataCount = nonNegative(in, in.readLong(), "metadata count");
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (long i = 0; i < metadataCount; i++) {
            String key = readString(in);
            metadata.put(key, readValue(in, in.readInt()));
        }
        List<TensorInfo> infos = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            infos.add(readTensorInfo(in));
        }
        long alignment = metadata.get("general.alignment") instanceof Long a && a > 0 ? a : DEFAULT_ALIGNMENT;
        long dataStart = (in.position() + alignment - 1) / alignment * alignment;
        try {
            long end = dataStart;
            for (TensorInfo t : infos) {
                end = Math.max(end, Math.addExact(dataStart,
                        Math.addExact(t.offset(), Math.multiplyExact(t.elements(), Float.BYTES))));
            }
            if (end > in.size()) {
                throw in.truncated(String.valueOf(end), in.size());
            }
        } catch (ArithmeticException e) {
            throw in.corrupt("tensor sizes overflow");
        }
        Map<String, GgufTensor> tensors = new LinkedHashMap<>();
        for (TensorInfo t : infos) {
            in.position(dataStart + t.offset());
            tensors.put(t.name(), new GgufTensor(t.name(), t.shape(), in.readFloats(t.elements())));
        }
        return new GgufFile(file, version, metadata, tensors);
    }

    private static TensorInfo readTensorInfo(ModelFileInput in) {
        String name = readString(in);
        int dims = in.readInt();
        if (dims < 1 || dims > MAX_DIMS) {
            throw in.corrupt("tensor " + name + " has " + dims + " dimensions");
        }
        long[] shape = new long[dims];
        for (int d = 0; d < dims; d++) {
            shape[d] = nonNegative(in, in.readLong(), "dimension of " + name);
        }
        int type = in.readInt();
        if (type != TYPE_F32) {
            throw new UserInputException(in.path() + " stores tensor " + name + " as " + typeName(type)
                    + "; this engine reads only F32 GGUF files: convert the model with --outtype f32");
        }
        return new TensorInfo(name, shape, nonNegative(in, in.readLong(), "offset of " + name));
    }

    private static Object readValue(ModelFileInput in, int type) {
        return switch (type) {
            case 0 -> (long) Byte.toUnsignedInt(in.readByte());
            case 1 -> (long) in.readByte();
            case 2 -> (long) Short.toUnsignedInt(in.readShort());
            case 3 -> (long) in.readShort();
            case 4 -> Integer.toUnsignedLong(in.readInt());
            case 5 -> (long) in.readInt();
            case 6 -> (double) in.readFloat();
            case 7 -> in.readByte() != 0;
            case 8 -> readString(in);
            case 9 -> readArray(in);
            case 10, 11 -> in.readLong();
            case 12 -> in.readDouble();
            default -> throw in.corrupt("unknown metadata value type " + type);
        };
    }

    private static List<Object> readArray(ModelFileInput in) {
        int elementType = in.readInt();
        long count = nonNegative(in, in.readLong(), "array length");
        // Every element takes at least one byte, so a larger count can only mean a damaged file.
        in.require(in.position(), count);
        List<Object> values = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            values.add(readValue(in, elementType));
        }
        return Collections.unmodifiableList(values);
    }

    private static String readString(ModelFileInput in) {
        return new String(in.readBytes(in.readLong()), StandardCharsets.UTF_8);
    }

    private static long nonNegative(ModelFileInput in, long value, String what) {
        if (value < 0) {
            throw in.corrupt(what + " is " + value);
        }
        return value;
    }

    static String typeName(int type) {
        return type >= 0 && type < GGML_TYPE_NAMES.length ? GGML_TYPE_NAMES[type] : "ggml type " + type;
    }
}
