package org.filtermx.domain.model.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainTest {

    private final List<DestinationRoute> route =
            List.of(new DestinationRoute("mail.example.com", 2525, 10));

    @Test
    void normalizesNamesToLowerCaseAscii() {
        assertThat(DomainName.normalize(" Example.COM. ")).isEqualTo("example.com");
        assertThat(DomainName.normalize("bücher.example")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void refusesNamesThatAreNotDomains() {
        for (String bad :
                List.of(
                        "",
                        "localhost",
                        "a..b",
                        "-a.example",
                        "a_b.example",
                        "exa mple.com",
                        "a.b\r\nX: y")) {
            assertThatThrownBy(() -> DomainName.normalize(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void ordersRoutesByPriority() {
        Domain d =
                new Domain(
                        "example.com",
                        List.of(
                                new DestinationRoute("b.example.com", 25, 20),
                                new DestinationRoute("a.example.com", 2525, 10)));
        assertThat(d.routes())
                .extracting(DestinationRoute::host)
                .containsExactly("a.example.com", "b.example.com");
    }

    @Test
    void needsARouteAndValidPorts() {
        assertThatThrownBy(() -> new Domain("example.com", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DestinationRoute("h", 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DestinationRoute("h", 65536, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesItselfAsAliasAndLocalPartsWithAt() {
        Domain d = new Domain("example.com", route);
        assertThatThrownBy(() -> d.addAlias("EXAMPLE.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.replaceLocalRecipients(List.of("a@b")))
                .isInstanceOf(IllegalArgumentException.class);
        d.replaceLocalRecipients(List.of("Info", "sales"));
        assertThat(d.localRecipients()).containsExactlyInAnyOrder("info", "sales");
    }
}
