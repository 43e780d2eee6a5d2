package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

    /** The expression the hand-written scan replaced; the scan must agree with it everywhere. */
    private static final Pattern FORMER =
            Pattern.compile(
                    "(?i)</(?:a|b|p|font|div|td|html|body)>|<(?:br|html|body|font|a href)\\b");

    @Test
    void recognisesCommonMarkupInAnyCase() {
        assertThat(HtmlText.looksLikeHtml("hello <BR> there")).isTrue();
        assertThat(HtmlText.looksLikeHtml("click <a href=\"x\">here</a>")).isTrue();
        assertThat(HtmlText.looksLikeHtml("text</Div>")).isTrue();
        assertThat(HtmlText.looksLikeHtml("ends with <html")).isTrue();
    }

    @Test
    void leavesPlainTextAndLookalikesAlone() {
        assertThat(HtmlText.looksLikeHtml("a < b and c > d")).isFalse();
        assertThat(HtmlText.looksLikeHtml("<bread> is not <br_x> nor <brie>")).isFalse();
        assertThat(HtmlText.looksLikeHtml("</ab> </fonts> </b ")).isFalse();
        assertThat(HtmlText.looksLikeHtml("")).isFalse();
    }

    @Test
    void agreesWithTheFormerExpressionOnRandomText() {
        String[] pieces = {
            "<", "</", ">", "a", "A", "b", "br", "BR", "html", "Body", "font", "a href", "a  href",
            "div", "td", "p", " ", "_", "1", "é", "x", "\n", "<a", "</a"
        };
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(8);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            assertThat(HtmlText.looksLikeHtml(s)).as(s).isEqualTo(FORMER.matcher(s).find());
        }
    }
}
