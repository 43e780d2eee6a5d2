package org.filtermx.domain.model.brand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rules a brand's colours, texts and login host name must follow. */
class BrandValuesTest {

    @Test
    void colourIsHashAndSixHexDigitsInLowerCase() {
        assertThat(BrandColor.parse(" #1A56dB ", "primary colour")).isEqualTo("#1a56db");
        assertThat(BrandColor.parse(null, "x")).isNull();
        assertThat(BrandColor.parse("  ", "x")).isNull();
    }

    @Test
    void refusesEveryOtherColourSpelling() {
        for (String bad :
                new String[] {
                    "1a56db",
                    "#1a56d",
                    "#1a56dbb",
                    "#1a56dg",
                    "red",
                    "#fff",
                    "rgb(1,2,3)",
                    "#000000;}body{background:url(x)",
                    "#12345\n"
                }) {
            assertThatThrownBy(() -> BrandColor.parse(bad, "accent colour"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("accent colour")
                    .hasMessageContaining("#rrggbb");
        }
    }

    @Test
    void loginHostIsALowerCaseDnsName() {
        assertThat(LoginHost.parse("Console.Brand.TEST.")).isEqualTo("console.brand.test");
        assertThat(LoginHost.parse("a-1.b2.example")).isEqualTo("a-1.b2.example");
        assertThat(LoginHost.parse("")).isNull();
    }

    @Test
    void refusesWhatIsNotAHostName() {
        for (String bad :
                new String[] {
                    "localhost",
                    "127.0.0.1",
                    "-a.example",
                    "a-.example",
                    "a..example",
                    "a_b.example",
                    "console.example.net:8443",
                    "https://console.example.net",
                    "x".repeat(64) + ".example",
                    ("abcdefghi." + "").repeat(26) + "example",
                    "cönsole.example"
                }) {
            assertThatThrownBy(() -> LoginHost.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("login host");
        }
    }

    @Test
    void productNameIsOneLineOfPlainText() {
        assertThat(BrandText.productName("  Acme Mail Shield ")).isEqualTo("Acme Mail Shield");
        assertThat(BrandText.productName(null)).isNull();
        assertThatThrownBy(() -> BrandText.productName("a".repeat(65)))
                .hasMessageContaining("at most 64");
        assertThatThrownBy(() -> BrandText.productName("Acme\r\nBcc: x@y.example"))
                .hasMessageContaining("one line");
        assertThatThrownBy(() -> BrandText.productName("<script>alert(1)</script>"))
                .hasMessageContaining("without < or >");
    }

    @Test
    void supportAddressIsOneMailAddress() {
        assertThat(BrandText.supportAddress(" Help.Desk@Acme.EXAMPLE "))
                .isEqualTo("Help.Desk@acme.example");
        assertThat(BrandText.supportAddress("")).isNull();
        for (String bad :
                new String[] {
                    "help",
                    "@acme.example",
                    "help@",
                    "help@acme",
                    "a b@acme.example",
                    "help@acme.example\r\nBcc: x@y.example",
                    ".help@acme.example",
                    "he..lp@acme.example",
                    "<help@acme.example>",
                    "x".repeat(65) + "@acme.example"
                }) {
            assertThatThrownBy(() -> BrandText.supportAddress(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("support address");
        }
    }
}
