package org.filtermx.domain.model.brand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A logo is a PNG or JPEG by its bytes, within the size and dimension caps; nothing else. */
class LogoImageTest {

    /** A {@code width} x {@code height} image in {@code format} ("png" or "jpeg"). */
    static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x12, 0x80, 0x40));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void acceptsPngAndJpegAndReadsTheirSize() {
        LogoImage png = LogoImage.of(image("png", 200, 60));
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.width()).isEqualTo(200);
        assertThat(png.height()).isEqualTo(60);

        LogoImage jpeg = LogoImage.of(image("jpeg", 120, 40));
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.width()).isEqualTo(120);
    }

    @Test
    void refusesSvgWhichCanCarryScript() {
        byte[] svg =
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                        .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LogoImage.of(svg))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PNG or JPEG")
                .hasMessageContaining("SVG");
    }

    @Test
    void refusesHtmlAndGifAndEmptyBodies() {
        assertThatThrownBy(() -> LogoImage.of("<html><script>x</script>".getBytes()))
                .hasMessageContaining("PNG or JPEG");
        assertThatThrownBy(() -> LogoImage.of(image("gif", 10, 10)))
                .hasMessageContaining("PNG or JPEG");
        assertThatThrownBy(() -> LogoImage.of(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> LogoImage.of(null)).hasMessageContaining("empty");
    }

    @Test
    void refusesAPngMagicFollowedByGarbage() {
        byte[] fake = Arrays.copyOf(image("png", 10, 10), 12);
        assertThatThrownBy(() -> LogoImage.of(fake)).hasMessageContaining("not a readable PNG");
        byte[] html = new byte[200];
        System.arraycopy(image("png", 10, 10), 0, html, 0, 8);
        assertThatThrownBy(() -> LogoImage.of(html)).hasMessageContaining("not a readable PNG");
    }

    @Test
    void refusesFilesOverTheSizeCap() {
        byte[] big = Arrays.copyOf(image("png", 10, 10), LogoImage.MAX_BYTES + 1);
        assertThatThrownBy(() -> LogoImage.of(big)).hasMessageContaining("larger than 256 KiB");
    }

    @Test
    void refusesImagesOverTheDimensionCaps() {
        assertThatThrownBy(() -> LogoImage.of(image("png", 1025, 10)))
                .hasMessageContaining("at most 1024 x 512 pixels")
                .hasMessageContaining("1025 x 10");
        assertThatThrownBy(() -> LogoImage.of(image("png", 10, 513)))
                .hasMessageContaining("10 x 513");
    }
}
