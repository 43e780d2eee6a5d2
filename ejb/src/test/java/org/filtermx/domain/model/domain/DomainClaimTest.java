package org.filtermx.domain.model.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainClaimTest {

    private final DomainClaim claim = new DomainClaim("Example.COM", 7);

    @Test
    void publishesAnUnguessableTokenUnderTheChallengeLabel() {
        assertThat(claim.name()).isEqualTo("example.com");
        assertThat(claim.recordName()).isEqualTo("_filtermx-challenge.example.com");
        assertThat(claim.token()).matches("[0-9a-f]{32}");
        assertThat(claim.recordValue()).isEqualTo("filtermx-verification=" + claim.token());
        assertThat(new DomainClaim("example.com", 7).token()).isNotEqualTo(claim.token());
    }

    @Test
    void isProvenOnlyByTheExactRecordText() {
        assertThat(claim.provenBy(List.of("v=spf1 -all", " " + claim.recordValue() + " ")))
                .isTrue();
        assertThat(
                        claim.provenBy(
                                List.of(
                                        "filtermx-verification="
                                                + new DomainClaim("example.com", 7).token())))
                .isFalse();
        assertThat(claim.provenBy(List.of(claim.recordValue() + "x"))).isFalse();
        assertThat(claim.provenBy(List.of("x" + claim.recordValue()))).isFalse();
        assertThat(claim.provenBy(List.of(claim.token()))).isFalse();
        assertThat(claim.provenBy(List.of())).isFalse();
    }

    @Test
    void refusesANameThatIsNoDomain() {
        assertThatThrownBy(() -> new DomainClaim("not a domain", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesTheVerificationMethodAndRefusesOthersWithAShortMessage() {
        assertThat(DomainVerification.parse(" DNS ")).isEqualTo(DomainVerification.DNS);
        assertThat(DomainVerification.parse("approval")).isEqualTo(DomainVerification.APPROVAL);
        assertThatThrownBy(() -> DomainVerification.parse("x".repeat(10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("domain verification must be")
                .message()
                .hasSizeLessThan(200);
        assertThatThrownBy(() -> DomainVerification.parse(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
