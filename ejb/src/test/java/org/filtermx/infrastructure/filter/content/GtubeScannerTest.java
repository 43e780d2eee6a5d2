package org.filtermx.infrastructure.filter.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.filtermx.domain.model.filter.ScanResult;
import org.junit.jupiter.api.Test;

class GtubeScannerTest {

    private final GtubeScanner scanner = new GtubeScanner(GtubeSettings.defaults());

    @Test
    void scoresTheTestPatternInTheBody() {
        ScanResult result =
                scanner.scan(Messages.raw("Subject: test\r\n\r\n" + GtubeScanner.GTUBE + "\r\n"));

        assertThat(result.reasons()).extracting(Object::toString).containsExactly("GTUBE +1000.0");
        assertThat(result.malware()).isFalse();
    }

    @Test
    void findsThePatternInsideBase64EncodedText() {
        String encoded = Base64.getEncoder().encodeToString(GtubeScanner.GTUBE.getBytes());

        ScanResult result =
                scanner.scan(
                        Messages.raw(
                                "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n"));

        assertThat(result.reasons()).extracting(r -> r.rule()).containsExactly("GTUBE");
    }

    @Test
    void ignoresAMessageWithoutThePattern() {
        String almost = GtubeScanner.GTUBE.substring(0, GtubeScanner.GTUBE.length() - 1);

        assertThat(scanner.scan(Messages.raw("Subject: x\r\n\r\n" + almost + "\r\n")))
                .isEqualTo(ScanResult.CLEAN);
    }

    @Test
    void usesTheConfiguredScore() {
        GtubeScanner lenient = new GtubeScanner(new GtubeSettings(7.5));

        assertThat(lenient.scan(Messages.raw("\r\n" + GtubeScanner.GTUBE)).reasons())
                .extracting(Object::toString)
                .containsExactly("GTUBE +7.5");
        assertThat(lenient.name()).isEqualTo("gtube");
    }
}
