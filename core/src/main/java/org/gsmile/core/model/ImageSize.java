package org.gsmile.core.model;

/** Width and height of an image in pixels, written {@code 64x64}. */
public record ImageSize(int width, int height) {
    public ImageSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image size is positive, got " + width + "x" + height);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
