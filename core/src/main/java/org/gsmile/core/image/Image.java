package org.gsmile.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.awt.color.ColorSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.gsmile.core.UserInputException;

/**
 * An RGB image as models take and give it: three float planes (red, green, blue), each row-major,
 * values in [0, 1] (an 8-bit PNG's values / 255). Immutable; equal images have the same size and
 * the same values.
 *
 * <p>Files are read and written with {@code javax.imageio} (PNG, and whatever else it reads: JPEG,
 * BMP, GIF); an alpha channel is ignored. Reading checks the size from the file's header against a
 * pixel limit before any pixel is decoded, so an oversized file costs no memory.
 */
public final class Image {
    /** 4096 × 4096: far beyond what an editor takes, and about 200 MB as float planes. */
    public static final long DEFAULT_MAX_PIXELS = 4096L * 4096L;

    private final int width;
    private final int height;
    private final float[] planes;

    private Image(int width, int height, float[] planes) {
        this.width = width;
        this.height = height;
        this.planes = planes;
    }

    /**
     * @param planes red, then green, then blue, each {@code height} rows of {@code width} values in [0, 1]
     */
    public static Image of(int width, int height, float[] planes) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image has a positive size, got " + width + "x" + height);
        }
        if ((long) width * height * 3 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an image of " + width + "x" + height + " does not fit in memory");
        }
        if (planes.length != 3 * width * height) {
            throw new IllegalArgumentException(planes.length + " values for a " + width + "x" + height
                    + " RGB image (" + 3 * width * height + " expected)");
        }
        for (int i = 0; i < planes.length; i++) {
            if (!(planes[i] >= 0f && planes[i] <= 1f)) {
                throw new IllegalArgumentException("pixel value " + planes[i] + " at " + i + " is outside [0, 1]");
            }
        }
        return new Image(width, height, planes.clone());
    }

    /** As {@link #of}, with every value clamped into [0, 1] first (a network's output may overshoot); NaN is refused. */
    public static Image clamped(int width, int height, float[] planes) {
        float[] v = planes.clone();
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                throw new IllegalArgumentException("pixel value NaN at " + i);
            }
            v[i] = Math.min(1f, Math.max(0f, v[i]));
        }
        return of(width, height, v);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** width × height. */
    public int pixels() {
        return width * height;
    }

    /** The three planes, red, green, blue, as {@link #of} takes them. */
    public float[] planes() {
        return planes.clone();
    }

    /** One channel (0 red, 1 green, 2 blue), row-major. */
    public float[] channel(int c) {
        if (c < 0 || c > 2) {
            throw new IllegalArgumentException("channel " + c + " of an RGB image");
        }
        return Arrays.copyOfRange(planes, c * pixels(), (c + 1) * pixels());
    }

    /** The value of channel {@code c} at column x, row y. */
    public float get(int c, int x, int y) {
        return planes[c * pixels() + y * width + x];
    }

    /** The mean of each channel, red, green, blue. */
    public double[] meanRgb() {
        double[] mean = new double[3];
        int n = pixels();
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += planes[c * n + i];
            }
            mean[c] = sum / n;
        }
        return mean;
    }

    /**
     * SHA-256 of the image as an 8-bit PNG holds it: width and height (4 bytes each, big-endian),
     * then round(255·v) of each pixel's R, G, B in row order. Two images with the same hash write the
     * same PNG pixels.
     */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(new byte[] {(byte) (width >>> 24), (byte) (width >>> 16), (byte) (width >>> 8), (byte) width,
                    (byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height});
            int n = pixels();
            byte[] row = new byte[3 * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < 3; c++) {
                        row[3 * x + c] = (byte) to8bit(planes[c * n + y * width + x]);
                    }
                }
                md.update(row);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One line for a person and an audit trail: size, mean colour and the start of {@link #sha256}
     * (enough to tell two outputs apart and to match a written PNG).
     */
    public String describe() {
        double[] m = meanRgb();
        return String.format(Locale.ROOT, "%dx%d image, mean RGB %.4f %.4f %.4f, sha256 %s", width, height, m[0], m[1],
                m[2], sha256().substring(0, 16));
    }

    /** This image scaled to {@code w} × {@code h} by area averaging (downscaling) or bilinear interpolation (upscaling). */
    public Image resized(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        BufferedImage source = toBufferedImage();
        java.awt.Image scaled = source.getScaledInstance(w, h, w <= width && h <= height
                ? java.awt.Image.SCALE_AREA_AVERAGING : java.awt.Image.SCALE_SMOOTH);
        BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = target.createGraphics();
        try {
            g.drawImage(scaled, 0, 0, null);
        } finally {
            g.dispose();
        }
        return fromBufferedImage(target);
    }

    /** Reads an image file, refusing one of more than {@code maxPixels} pixels before decoding it. */
    public static Image read(Path file, long maxPixels) {
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + " is a folder: give an image file (PNG)");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " does not exist: give the path of an image file (PNG)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException(file + " cannot be read (" + e.getMessage() + "): check its permissions", e);
        }
        return decode(bytes, maxPixels, file.toString());
    }

    /** Reads an image from the bytes of a file (PNG, JPEG, BMP, GIF); {@code name} names it in errors. */
    public static Image decode(byte[] bytes, long maxPixels, String name) {
        try (InputStream in = new ByteArrayInputStream(bytes); ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                throw new UserInputException(name + " is not an image file that can be read (PNG, JPEG, BMP or GIF):"
                        + " give a PNG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > maxPixels) {
                    throw new UserInputException(name + " is " + w + "x" + h + " = " + w * h + " pixels, over the limit"
                            + " of " + maxPixels + ": give a smaller image, or raise {maxPixels}");
                }
                return fromBufferedImage(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserInputException u) {
                throw u;
            }
            throw new UserInputException(name + " is damaged or not an image (" + firstLine(e) + "): give a PNG image",
                    e);
        }
    }

    /** The image as PNG bytes (8-bit RGB, round(255·v)). */
    public byte[] toPng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(toBufferedImage(), "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the image as a PNG file. */
    public void writePng(Path file) {
        try {
            Files.write(file, toPng());
        } catch (IOException e) {
            throw new UserInputException("cannot write " + file + " (" + e.getMessage() + "): choose a writable folder",
                    e);
        }
    }

    private BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int n = pixels();
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            rgb[i] = to8bit(planes[i]) << 16 | to8bit(planes[n + i]) << 8 | to8bit(planes[2 * n + i]);
        }
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    /**
     * The file's own 8-bit samples where it holds sRGB or grey at 8 bits (so a PNG's values reach the
     * model exactly, without a colour conversion), and Java's sRGB conversion otherwise.
     */
    private static Image fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int n = w * h;
        float[] planes = new float[3 * n];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int space = cm.getColorSpace().getType();
        boolean direct = cm instanceof ComponentColorModel && raster.getTransferType() == java.awt.image.DataBuffer.TYPE_BYTE
                && (space == ColorSpace.TYPE_RGB && cm.getColorSpace().isCS_sRGB() && cm.getNumColorComponents() == 3
                || space == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1);
        if (direct) {
            int bands = cm.getNumColorComponents();
            int[] samples = new int[raster.getNumBands()];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.getPixel(x, y, samples);
                    for (int c = 0; c < 3; c++) {
                        planes[c * n + y * w + x] = samples[bands == 1 ? 0 : c] / 255f;
                    }
                }
            }
        } else {
            int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < n; i++) {
                planes[i] = (rgb[i] >>> 16 & 0xff) / 255f;
                planes[n + i] = (rgb[i] >>> 8 & 0xff) / 255f;
                planes[2 * n + i] = (rgb[i] & 0xff) / 255f;
            }
        }
        return new Image(w, h, planes);
    }

    private static int to8bit(float v) {
        return Math.round(v * 255f);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image i && i.width == width && i.height == height && Arrays.equals(i.planes, planes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(planes);
    }

    @Override
    public String toString() {
        return describe();
    }
}
