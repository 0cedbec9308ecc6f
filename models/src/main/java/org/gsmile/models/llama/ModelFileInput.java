package org.gsmile.models.llama;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.gsmile.core.UserInputException;

/**
 * A little-endian, bounds-checked view of a model file. Every read checks the remaining length
 * first so that a truncated or corrupt file becomes a {@link UserInputException} naming the file
 * rather than a buffer underflow deep inside a parser.
 */
final class ModelFileInput {

    private final Path path;
    private final ByteBuffer buffer;

    private ModelFileInput(Path path, ByteBuffer buffer) {
        this.path = path;
        this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    static ModelFileInput open(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new UserInputException(path + " is " + size
                        + " bytes; this pure-Java engine loads models up to 2 GiB: use a smaller model");
            }
            return new ModelFileInput(path, channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        } catch (NoSuchFileException e) {
            throw new UserInputException(path + " does not exist: check the path");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * True when the file's first bytes are text (no NUL, no control character but tab and line
     * breaks): what a model file never starts with, since its binary header holds small integers.
     */
    static boolean looksLikeText(ModelFileInput in) {
        int n = (int) Math.min(in.size(), 512);
        for (int i = 0; i < n; i++) {
            int b = in.buffer.get(i) & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return n > 0;
    }

    Path path() {
        return path;
    }

    long size() {
        return buffer.limit();
    }

    int position() {
        return buffer.position();
    }

    void position(long position) {
        require(position, 0);
        buffer.position((int) position);
    }

    int readInt() {
        need(4);
        return buffer.getInt();
    }

    long readLong() {
        need(8);
        return buffer.getLong();
    }

    float readFloat() {
        need(4);
        return buffer.getFloat();
    }

    double readDouble() {
        need(8);
        return buffer.getDouble();
    }

    byte readByte() {
        need(1);
        return buffer.get();
    }

    short readShort() {
        need(2);
        return buffer.getShort();
    }

    byte[] readBytes(long count) {
        if (count < 0) {
            throw corrupt("negative length " + count);
        }
        need(count);
        byte[] bytes = new byte[(int) count];
        buffer.get(bytes);
        return bytes;
    }

    float[] readFloats(long count) {
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw corrupt("implausible tensor size " + count);
        }
        need(count * Float.BYTES);
        float[] values = new float[(int) count];
        FloatBuffer floats = buffer.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        floats.get(values);
        buffer.position(buffer.position() + (int) count * Float.BYTES);
        return values;
    }

    void skip(long bytes) {
        need(bytes);
        buffer.position(buffer.position() + (int) bytes);
    }

    /** Fails unless the file holds at least {@code position + length} bytes. */
    void require(long position, long length) {
        long end = position + length;
        if (position < 0 || length < 0 || end < 0) {
            throw corrupt("invalid offset " + position);
        }
        if (end > buffer.limit()) {
            throw truncated("at least " + end, buffer.limit());
        }
    }

    UserInputException truncated(String expected, long found) {
        return new UserInputException(path + " is truncated: expected " + expected + " bytes, found " + found
                + "; delete it and download again");
    }

    UserInputException corrupt(String detail) {
        return new UserInputException(path + " is corrupt (" + detail + "); delete it and download again");
    }

    private void need(long bytes) {
        require(buffer.position(), bytes);
    }
}
