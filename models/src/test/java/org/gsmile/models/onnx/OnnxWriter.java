package org.gsmile.models.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes small ONNX files by hand (protobuf wire format), so tests can build exactly the graphs
 * they need: working toy language models, broken interfaces, embedding look-alikes.
 */
final class OnnxWriter {

    static final int FLOAT = 1;
    static final int INT64 = 7;

    /** A protobuf message under construction. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            key(field, 0);
            writeVarint(value);
            return this;
        }

        Message bytes(int field, byte[] value) {
            key(field, 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Message string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return bytes(field, value.toByteArray());
        }

        Message fixed32(int field, float value) {
            key(field, 5);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void key(int field, int wireType) {
            writeVarint(((long) field << 3) | wireType);
        }

        private void writeVarint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }

    private final List<Message> nodes = new ArrayList<>();
    private final List<Message> initializers = new ArrayList<>();
    private final List<Message> inputs = new ArrayList<>();
    private final List<Message> outputs = new ArrayList<>();

    OnnxWriter input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    OnnxWriter output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    /** A float32 initializer, its data in raw_data. */
    OnnxWriter initializer(String name, float[] values, long... dims) {
        initializers.add(floatTensor(name, values, dims));
        return this;
    }

    /** A float32 initializer with its data as one float_data field per value (unpacked encoding). */
    OnnxWriter initializerUnpacked(String name, float[] values, long... dims) {
        Message t = new Message();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, FLOAT);
        for (float v : values) {
            t.fixed32(4, v);
        }
        initializers.add(t.string(8, name));
        return this;
    }

    OnnxWriter int64Initializer(String name, long[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        initializers.add(tensor(name, INT64, raw.array(), dims));
        return this;
    }

    OnnxWriter node(String op, List<String> in, List<String> out, Message... attributes) {
        Message n = new Message();
        in.forEach(i -> n.string(1, i));
        out.forEach(o -> n.string(2, o));
        n.string(3, op + "_" + nodes.size()).string(4, op);
        for (Message attribute : attributes) {
            n.message(5, attribute);
        }
        nodes.add(n);
        return this;
    }

    /** A Constant node whose value is a float32 tensor. */
    OnnxWriter constant(String output, float[] values, long... dims) {
        Message value = new Message().string(1, "value").message(5, floatTensor("", values, dims)).varint(20, 4);
        return node("Constant", List.of(), List.of(output), value);
    }

    static Message intAttribute(String name, long value) {
        return new Message().string(1, name).varint(3, value).varint(20, 2);
    }

    byte[] toBytes() {
        Message graph = new Message();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "test");
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        Message opset = new Message().string(1, "").varint(2, 17);
        return new Message().varint(1, 8).string(2, "gsmile-test").message(7, graph).message(8, opset).toByteArray();
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, toBytes());
    }

    /**
     * A working toy language model: embedding [vocabIn, dim] gathered by the ids, then a linear
     * head [dim, vocabOut]; logits [batch, seq, vocabOut].
     */
    static OnnxWriter toyLanguageModel(int vocabIn, int dim, int vocabOut, long seed) {
        return new OnnxWriter()
                .input("input_ids", INT64, "batch", "seq")
                .output("logits", FLOAT, "batch", "seq", (long) vocabOut)
                .initializer("tok_emb", random(vocabIn * dim, seed), vocabIn, dim)
                .initializer("head", random(dim * vocabOut, seed + 1), dim, vocabOut)
                .node("Gather", List.of("tok_emb", "input_ids"), List.of("h"))
                .node("MatMul", List.of("h", "head"), List.of("logits"));
    }

    static float[] random(int count, long seed) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static Message floatTensor(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return tensor(name, FLOAT, raw.array(), dims);
    }

    private static Message tensor(String name, int dataType, byte[] raw, long... dims) {
        Message packedDims = new Message();
        for (long d : dims) {
            packedDims.writeVarint(d);
        }
        Message t = new Message();
        if (dims.length > 0) {
            t.bytes(1, packedDims.toByteArray()); // packed, as most writers emit them
        }
        return t.varint(2, dataType).string(8, name).bytes(9, raw);
    }

    private static Message valueInfo(String name, int elemType, Object... dims) {
        Message shape = new Message();
        for (Object d : dims) {
            Message dim = d instanceof Long size ? new Message().varint(1, size) : new Message().string(2, (String) d);
            shape.message(1, dim);
        }
        Message tensorType = new Message().varint(1, elemType).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }
}
