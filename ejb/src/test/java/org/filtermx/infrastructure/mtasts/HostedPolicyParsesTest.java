package org.filtermx.infrastructure.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.filtermx.application.internal.posture.MtaStsPolicyText;
import org.filtermx.domain.model.mtasts.MtaStsMode;
import org.filtermx.domain.model.mtasts.MtaStsPolicy;
import org.junit.jupiter.api.Test;

/** The policy the cluster hosts for its customers parses with the cluster's own sender parser. */
class HostedPolicyParsesTest {

    @Test
    void servedPolicyParsesAsTheSenderSideReadsIt() throws Exception {
        String text =
                MtaStsPolicyText.text(
                        "enforce", List.of("mx1.filtermx.test", "mx2.filtermx.test"), 604800);
        MtaStsPolicy policy = MtaStsPolicyParser.parse(text, MtaStsPolicyText.id(text));

        assertThat(policy.mode()).isEqualTo(MtaStsMode.ENFORCE);
        assertThat(policy.mx()).containsExactly("mx1.filtermx.test", "mx2.filtermx.test");
        assertThat(policy.maxAgeSeconds()).isEqualTo(604800);
    }

    @Test
    void idChangesExactlyWhenThePolicyDoes() {
        String testing = MtaStsPolicyText.text("testing", List.of("mx1.filtermx.test"), 604800);
        String enforce = MtaStsPolicyText.text("enforce", List.of("mx1.filtermx.test"), 604800);
        assertThat(MtaStsPolicyText.id(testing)).isNotEqualTo(MtaStsPolicyText.id(enforce));
        assertThat(MtaStsPolicyText.id(testing))
                .isEqualTo(
                        MtaStsPolicyText.id(
                                MtaStsPolicyText.text(
                                        "testing", List.of("mx1.filtermx.test"), 604800)))
                .matches("[0-9a-f]{20}");
    }
}
