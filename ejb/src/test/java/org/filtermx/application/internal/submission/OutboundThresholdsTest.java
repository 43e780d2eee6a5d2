package org.filtermx.application.internal.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.port.OutboundSettings;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;
import org.junit.jupiter.api.Test;

class OutboundThresholdsTest {

    private static final OutboundSettings CLUSTER =
            new OutboundSettings() {
                public double spamThreshold() {
                    return 5;
                }

                public double lockThreshold() {
                    return 10;
                }

                public int reportsPerSenderPerHour() {
                    return 10;
                }

                public long reportMessageLimit() {
                    return 1 << 20;
                }

                public int destinationConcurrency() {
                    return 20;
                }
            };

    private static DomainRepository holding(Domain domain) {
        return (DomainRepository)
                Proxy.newProxyInstance(
                        DomainRepository.class.getClassLoader(),
                        new Class<?>[] {DomainRepository.class},
                        (p, m, a) ->
                                m.getName().equals("findByName")
                                        ? Optional.of(domain).filter(d -> d.name().equals(a[0]))
                                        : null);
    }

    private static Domain domain() {
        return new Domain("shop.example", List.of(new DestinationRoute("mx.shop.example", 25, 10)));
    }

    @Test
    void usesTheClusterDefaultsWhenTheDomainSetsNone() {
        OutboundThresholds t = new OutboundThresholds(holding(domain()), CLUSTER);

        assertThat(t.of("shop.example")).isEqualTo(new OutboundThresholds.Thresholds(5, 10));
        assertThat(t.of("unknown.example")).isEqualTo(new OutboundThresholds.Thresholds(5, 10));
    }

    @Test
    void usesTheDomainsOwnThresholds() {
        Domain d = domain();
        d.setOutboundThresholds(3.0, null);
        OutboundThresholds t = new OutboundThresholds(holding(d), CLUSTER);

        assertThat(t.of("shop.example")).isEqualTo(new OutboundThresholds.Thresholds(3, 10));

        d.setOutboundThresholds(7.5, 7.5);
        assertThat(t.of("shop.example")).isEqualTo(new OutboundThresholds.Thresholds(7.5, 7.5));
    }
}
