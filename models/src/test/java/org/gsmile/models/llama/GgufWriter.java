package org.gsmile.models.llama;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds small GGUF v3 files for tests: typed metadata values and raw tensor payloads. */
final class GgufWriter {

    static final int UINT8 = 0;
    static final int INT8 = 1;
    static final int UINT16 = 2;
    static final int INT16 = 3;
    static final int UINT32 = 4;
    static final int INT32 = 5;
    static final int FLOAT32 = 6;
    static final int BOOL = 7;
    static final int STRING = 8;
    static final int ARRAY = 9;
    static final int UINT64 = 10;
    static final int INT64 = 11;
    static final int FLOAT64 = 12;

    private record Tensor(String name, long[] shape, int type, byte[] data) {
    }

    private final Bytes metadata = new Bytes();
    private int metadataCount;
    private final List<Tensor> tensors = new ArrayList<>();
    private int alignment = 32;

    GgufWriter alignment(int value) {
        alignment = value;
        return scalar("general.alignment", UINT32, value);
    }

    /** A scalar of any numeric or bool type, or a string. */
    GgufWriter scalar(String key, int type, Object value) {
        metadata.string(key);
        metadata.i32(type);
        metadata.value(type, value);
        metadataCount++;
        return this;
    }

    GgufWriter array(String key, int elementType, List<?> values) {
        metadata.string(key);
        metadata.i32(ARRAY);
        metadata.array(elementType, values);
        metadataCount++;
        return this;
    }

    /** Writes values as a reader returns them: Long as INT64, Double as FLOAT64, lists by first element. */
    GgufWriter all(Map<String, Object> values) {
        values.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                array(key, typeOf(list.isEmpty() ? 0L : list.get(0)), list);
            } else {
                scalar(key, typeOf(value), value);
            }
        });
        return this;
    }

    GgufWriter tensor(String name, long[] shape, float[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(data);
        return tensor(name, shape, 0, buffer.array());
    }

    GgufWriter tensor(String name, long[] shape, int ggmlType, byte[] data) {
        tensors.add(new Tensor(name, shape, ggmlType, data));
        return this;
    }

    byte[] toBytes() {
        Bytes out = new Bytes();
        out.i32(0x46554747);
        out.i32(3);
        out.i64(tensors.size());
        out.i64(metadataCount);
        out.writeBytes(metadata.toByteArray());
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor t : tensors) {
            offsets.add(offset);
            offset = align(offset + t.data().length);
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            out.string(t.name());
            out.i32(t.shape().length);
            for (long d : t.shape()) {
                out.i64(d);
            }
            out.i32(t.type());
            out.i64(offsets.get(i));
        }
        pad(out);
        for (Tensor t : tensors) {
            out.writeBytes(t.data());
            pad(out);
        }
        return out.toByteArray();
    }

    private long align(long n) {
        return (n + alignment - 1) / alignment * alignment;
    }

    private void pad(Bytes out) {
        while (out.size() % alignment != 0) {
            out.write(0);
        }
    }

    private static int typeOf(Object value) {
        if (value instanceof Long) {
            return INT64;
        }
        if (value instanceof Double) {
            return FLOAT64;
        }
        if (value instanceof Boolean) {
            return BOOL;
        }
        if (value instanceof String) {
            return STRING;
        }
        throw new IllegalArgumentException("cannot write " + value);
    }

    private static final class Bytes extends ByteArrayOutputStream {
        void i32(int v) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
            write(b.array(), 0, 4);
        }

        void i64(long v) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
            write(b.array(), 0, 8);
        }

        void string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            i64(bytes.length);
            write(bytes, 0, bytes.length);
        }

        void array(int elementType, List<?> values) {
            i32(elementType);
            i64(values.size());
            for (Object v : values) {
                value(elementType, v);
            }
        }

        void value(int type, Object v) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            switch (type) {
                case UINT8, INT8 -> b.put(((Number) v).byteValue());
                case UINT16, INT16 -> b.putShort(((Number) v).shortValue());
                case UINT32, INT32 -> b.putInt(((Number) v).intValue());
                case FLOAT32 -> b.putFloat(((Number) v).floatValue());
                case BOOL -> b.put((byte) ((Boolean) v ? 1 : 0));
                case UINT64, INT64 -> b.putLong(((Number) v).longValue());
                case FLOAT64 -> b.putDouble(((Number) v).doubleValue());
                case STRING -> {
                    string((String) v);
                    return;
                }
                case ARRAY -> {
                    List<?> inner = (List<?>) v;
                    array(typeOf(inner.get(0)), inner);
                    return;
                }
                default -> throw new IllegalArgumentException("type " + type);
            }
            write(b.array(), 0, b.position());
        }
    }
}
