package org.filtermx.domain.model.brand;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A brand's logo: a PNG or a JPEG of at most {@link #MAX_BYTES} bytes and {@link #MAX_WIDTH} by
 * {@link #MAX_HEIGHT} pixels. The type is told by the file's magic bytes, never by what the client
 * claims, and the image's header must decode as that type: an SVG (which can carry script), an HTML
 * page or anything else is refused, so the logo URL can only ever serve an image.
 *
 * @param contentType {@code image/png} or {@code image/jpeg}
 * @param bytes the file as uploaded
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record LogoImage(String contentType, byte[] bytes, int width, int height) {

    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_WIDTH = 1024;
    public static final int MAX_HEIGHT = 512;

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    /**
     * Checks {@code bytes} and returns the logo they are.
     *
     * @throws IllegalArgumentException with the reason in words when they are not an acceptable
     *     logo
     */
    public static LogoImage of(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("the logo is empty: send a PNG or JPEG image");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "the logo is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        String type;
        String format;
        if (startsWith(bytes, PNG_MAGIC)) {
            type = PNG;
            format = "png";
        } else if (startsWith(bytes, JPEG_MAGIC)) {
            type = JPEG;
            format = "jpeg";
        } else {
            throw new IllegalArgumentException(
                    "the logo must be a PNG or JPEG image (SVG and other formats are not accepted)");
        }
        int[] size = dimensions(bytes, format);
        if (size[0] < 1 || size[1] < 1 || size[0] > MAX_WIDTH || size[1] > MAX_HEIGHT) {
            throw new IllegalArgumentException(
                    "the logo must be at most "
                            + MAX_WIDTH
                            + " x "
                            + MAX_HEIGHT
                            + " pixels; this one is "
                            + size[0]
                            + " x "
                            + size[1]);
        }
        return new LogoImage(type, bytes.clone(), size[0], size[1]);
    }

    /** Reads only the image header: the pixels are never decoded here. */
    private static int[] dimensions(byte[] bytes, String format) {
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (in == null || !readers.hasNext()) {
                throw new IllegalArgumentException("the logo cannot be read as " + format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException i && i.getMessage().startsWith("the logo")) {
                throw i;
            }
            throw new IllegalArgumentException(
                    "the logo is not a readable "
                            + format.toUpperCase(java.util.Locale.ROOT)
                            + " image");
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
