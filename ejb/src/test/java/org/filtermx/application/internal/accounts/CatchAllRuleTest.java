package org.filtermx.application.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.port.RecipientProbe;
import org.filtermx.application.port.RecipientProbe.Answer;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.domain.model.domain.Domain;
import org.junit.jupiter.api.Test;

class CatchAllRuleTest {

    private final List<String> probed = new ArrayList<>();
    private Answer answer = Answer.REFUSED;

    private final RecipientProbe probe =
            (routes, recipient) -> {
                probed.add(recipient);
                return new RecipientProbe.Result(answer, "mx.example.com:25 said so");
            };

    private final CatchAllRule rule = new CatchAllRule(probe);

    private static Domain autoEnabled() {
        Domain d =
                new Domain("example.com", List.of(new DestinationRoute("mx.example.com", 25, 10)));
        d.setAutoEnableUsers(true);
        return d;
    }

    @Test
    void aDestinationThatRefusesARandomAddressAllowsAutoEnable() {
        rule.requireAllowed(autoEnabled());

        assertThat(probed).singleElement().asString().matches("[0-9a-f-]{36}@example\\.com");
    }

    @Test
    void everyProbeUsesAnotherRandomAddress() {
        rule.requireAllowed(autoEnabled());
        rule.requireAllowed(autoEnabled());

        assertThat(probed).doesNotHaveDuplicates();
    }

    @Test
    void aDestinationThatAcceptsARandomAddressIsRefusedAsACatchAll() {
        answer = Answer.ACCEPTED;

        assertThatThrownBy(() -> rule.requireAllowed(autoEnabled()))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("its destination is a catch-all")
                .hasMessageContaining("local recipients list");
    }

    @Test
    void noAnswerFromTheDestinationIsRefusedWithAskAgain() {
        answer = Answer.UNKNOWN;

        assertThatThrownBy(() -> rule.requireAllowed(autoEnabled()))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("could not find out")
                .hasMessageContaining("mx.example.com:25 said so")
                .hasMessageContaining("Try again");
    }

    @Test
    void theManualCatchAllMarkIsRefusedWithoutProbing() {
        Domain d = autoEnabled();
        d.setDestinationCatchAll(true);

        assertThatThrownBy(() -> rule.requireAllowed(d))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("marked as a catch-all");
        assertThat(probed).isEmpty();
    }

    @Test
    void aLocalRecipientsListAllowsAutoEnableBeforeACatchAllDestination() {
        answer = Answer.ACCEPTED;
        Domain d = autoEnabled();
        d.setDestinationCatchAll(true);
        d.replaceLocalRecipients(List.of("info", "sales"));

        rule.requireAllowed(d);

        assertThat(probed).isEmpty();
    }

    @Test
    void aListOnACatchAllDomainRefusesNothingSoDoesNotCount() {
        answer = Answer.ACCEPTED;
        Domain d = autoEnabled();
        d.replaceLocalRecipients(List.of("info"));
        d.setCatchAll(true);

        assertThatThrownBy(() -> rule.requireAllowed(d)).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void aDomainWithoutAutoEnableIsNotChecked() {
        answer = Answer.ACCEPTED;
        Domain d =
                new Domain("example.com", List.of(new DestinationRoute("mx.example.com", 25, 10)));
        d.setDestinationCatchAll(true);

        rule.requireAllowed(d);

        assertThat(probed).isEmpty();
    }
}
