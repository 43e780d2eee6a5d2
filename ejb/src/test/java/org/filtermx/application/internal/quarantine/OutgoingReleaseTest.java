package org.filtermx.application.internal.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.QuarantineService.Action;
import org.filtermx.domain.model.message.StoredContent;
import org.filtermx.domain.model.quarantine.QuarantinedMessage;
import org.junit.jupiter.api.Test;

class OutgoingReleaseTest {

    private static final QuarantinedMessage HELD_OUTGOING =
            new QuarantinedMessage(
                    "q1",
                    1,
                    "shop.example",
                    "OUTBOUND",
                    "mallory@shop.example",
                    List.of("victim@remote.test"),
                    "cheap pills",
                    "REJECT",
                    1000,
                    "GTUBE +1000.0",
                    StoredContent.of("Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)),
                    null,
                    Instant.EPOCH,
                    Instant.EPOCH.plusSeconds(86400));

    private static final QuarantineActions.Actor DOMAIN_LOGIN =
            new QuarantineActions.Actor("shop.example", "192.0.2.9");
    private static final QuarantineActions.Actor RESELLER =
            new QuarantineActions.Actor("reseller1", "192.0.2.9", true);

    @Test
    void onlyAdministratorsAndResellersReleaseOutgoingMail() {
        assertThatThrownBy(
                        () ->
                                QuarantineActions.requireOutgoingAllowed(
                                        DOMAIN_LOGIN, HELD_OUTGOING, Action.RELEASE))
                .isInstanceOf(Forbidden.class)
                .hasMessageContaining("administrator or reseller");
        assertThatThrownBy(
                        () ->
                                QuarantineActions.requireOutgoingAllowed(
                                        DOMAIN_LOGIN, HELD_OUTGOING, Action.RELEASE_AND_TRAIN))
                .isInstanceOf(Forbidden.class);
        assertThatCode(
                        () ->
                                QuarantineActions.requireOutgoingAllowed(
                                        RESELLER, HELD_OUTGOING, Action.RELEASE))
                .doesNotThrowAnyException();
    }

    @Test
    void aDomainLoginMayStillDeleteItsHeldOutgoingMail() {
        assertThatCode(
                        () ->
                                QuarantineActions.requireOutgoingAllowed(
                                        DOMAIN_LOGIN, HELD_OUTGOING, Action.DELETE))
                .doesNotThrowAnyException();
    }

    @Test
    void listActionsDoNotApplyToOutgoingMail() {
        assertThatThrownBy(
                        () ->
                                QuarantineActions.requireOutgoingAllowed(
                                        RESELLER, HELD_OUTGOING, Action.ALLOW_AND_RELEASE))
                .isInstanceOf(InvalidRequest.class);
    }

    @Test
    void theListingFiltersByEitherNameOfTheDirection() {
        assertThat(DefaultQuarantineService.direction("outgoing")).isEqualTo("OUTBOUND");
        assertThat(DefaultQuarantineService.direction(" Outbound ")).isEqualTo("OUTBOUND");
        assertThat(DefaultQuarantineService.direction("incoming")).isEqualTo("INBOUND");
        assertThat(DefaultQuarantineService.direction("")).isNull();
        assertThatThrownBy(() -> DefaultQuarantineService.direction("sideways"))
                .isInstanceOf(InvalidRequest.class);
    }
}
