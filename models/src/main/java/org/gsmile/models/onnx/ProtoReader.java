package org.gsmile.models.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format over a region of a byte buffer, enough to walk an ONNX file without
 * protobuf-java: fields are visited in order and a sub-message is a reader over its own region, so
 * large tensors are skipped rather than copied. Malformed input throws {@link MalformedProtoException}.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    /** Thrown on bytes that are not a well-formed protobuf message. */
    static final class MalformedProtoException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedProtoException(String message) {
            super(message);
        }
    }

    private final ByteBuffer buffer;
    private final int end;
    private int position;
    private int tag;

    ProtoReader(ByteBuffer buffer, int start, int end) {
        this.buffer = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.position = start;
        this.end = end;
    }

    ProtoReader(ByteBuffer buffer) {
        this(buffer, 0, buffer.limit());
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (position >= end) {
            return false;
        }
        long key = readVarint();
        if (key >>> 3 == 0 || key > Integer.MAX_VALUE) {
            throw new MalformedProtoException("invalid field key " + key + " at byte " + position);
        }
        tag = (int) key;
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() {
        expect(VARINT);
        return readVarint();
    }

    /** A length-delimited field as a reader over its bytes. */
    ProtoReader message() {
        int[] region = region();
        return new ProtoReader(buffer, region[0], region[1]);
    }

    String string() {
        int[] region = region();
        byte[] bytes = new byte[region[1] - region[0]];
        buffer.get(region[0], bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Start and end offsets, in the underlying buffer, of a length-delimited field. */
    int[] region() {
        expect(LENGTH_DELIMITED);
        long length = readVarint();
        if (length < 0 || length > end - position) {
            throw new MalformedProtoException("field " + field() + " claims " + length + " bytes but "
                    + (end - position) + " remain");
        }
        int start = position;
        position += (int) length;
        return new int[] {start, position};
    }

    float fixed32AsFloat() {
        expect(FIXED32);
        need(4);
        float value = buffer.getFloat(position);
        position += 4;
        return value;
    }

    /** Repeated int64 values, accepting both the packed and the one-value-per-field encoding. */
    void int64s(java.util.function.LongConsumer sink) {
        if (wireType() == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            while (packed.position < packed.end) {
                sink.accept(packed.readVarint());
            }
        } else {
            sink.accept(varint());
        }
    }

    void skip() {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> region();
            case FIXED32 -> advance(4);
            default -> throw new MalformedProtoException("unsupported wire type " + wireType() + " for field "
                    + field());
        }
    }

    private void expect(int wireType) {
        if (wireType() != wireType) {
            throw new MalformedProtoException("field " + field() + " has wire type " + wireType() + ", expected "
                    + wireType);
        }
    }

    private long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buffer.get(position++);
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedProtoException("varint longer than 10 bytes at byte " + position);
    }

    private void advance(int bytes) {
        need(bytes);
        position += bytes;
    }

    private void need(int bytes) {
        if (end - position < bytes) {
            throw new MalformedProtoException("message ends inside a field at byte " + position);
        }
    }
}
