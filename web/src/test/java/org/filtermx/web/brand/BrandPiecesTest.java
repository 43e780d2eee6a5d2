package org.filtermx.web.brand;

import static org.assertj.core.api.Assertions.assertThat;

import org.filtermx.application.Brand;
import org.junit.jupiter.api.Test;

/** The brand's style rules and the logo URL's version, which both end up in a browser. */
class BrandPiecesTest {

    @Test
    void theClusterBrandAddsNoStyle() {
        assertThat(ConsoleBrand.css(Brand.CLUSTER)).isEmpty();
    }

    @Test
    void aBrandsColoursBecomeAFewRules() {
        Brand brand = new Brand("Acme", "#7a1f5c", "#0b7a3e", null, null, "v", null);
        assertThat(ConsoleBrand.css(brand))
                .contains(".fmx-top{background:#7a1f5c}")
                .contains("background:#0b7a3e;border-color:#0b7a3e")
                .doesNotContain("<")
                .doesNotContain("url(");
    }

    @Test
    void onlyThirtyTwoLowerCaseHexDigitsNameALogo() {
        String v = "0123456789abcdef0123456789abcdef";
        assertThat(LogoServlet.version("/" + v + "/logo")).isEqualTo(v);
        assertThat(LogoServlet.version("/" + v.toUpperCase() + "/logo")).isNull();
        assertThat(LogoServlet.version("/" + v + "/style")).isNull();
        assertThat(LogoServlet.version("/../" + v.substring(3) + "/logo")).isNull();
        assertThat(LogoServlet.version(null)).isNull();
        assertThat(LogoServlet.version("/x/logo")).isNull();
    }
}
