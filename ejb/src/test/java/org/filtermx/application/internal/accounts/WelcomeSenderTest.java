package org.filtermx.application.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.filtermx.application.LoginLinks;
import org.filtermx.application.ReportContent;
import org.filtermx.application.WelcomeContent;
import org.filtermx.application.internal.reports.SystemMail;
import org.filtermx.application.port.ReportRenderer;
import org.filtermx.domain.model.account.ActivationRepository;
import org.junit.jupiter.api.Test;

class WelcomeSenderTest {

    private static final Instant REPORTS_FROM = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-09T10:00:00Z");

    private final Set<String> pending = new HashSet<>(Set.of("carol@example.com"));
    private final List<WelcomeContent> rendered = new ArrayList<>();
    private final List<String> spooled = new ArrayList<>();
    private boolean rendererBroken;

    private final ActivationRepository activations =
            new ActivationRepository() {
                @Override
                public OptionalLong autoEnableDomain(String name) {
                    return OptionalLong.empty();
                }

                @Override
                public Set<String> existing(Collection<String> addresses) {
                    return Set.of();
                }

                @Override
                public void activate(long id, List<String> addresses, Instant n, Instant f) {}

                @Override
                public Optional<Activation> claimWelcome(String address, Instant now) {
                    return pending.remove(address)
                            ? Optional.of(new Activation(address, "example.com", REPORTS_FROM))
                            : Optional.empty();
                }

                @Override
                public List<String> pendingWelcomes(Instant dueBefore, int limit) {
                    return List.copyOf(pending);
                }
            };

    private final LoginLinks links =
            new LoginLinks() {
                @Override
                public Link issue(String address) {
                    return new Link(
                            "https://filter.example.net/set-password?token=" + address.length(),
                            EXPIRES);
                }

                @Override
                public String addressOf(String token) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public String setPassword(String token, String password) {
                    throw new UnsupportedOperationException();
                }
            };

    private final ReportRenderer renderer =
            new ReportRenderer() {
                @Override
                public RenderedReport render(ReportContent content) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public RenderedReport welcome(WelcomeContent content) {
                    if (rendererBroken) {
                        throw new IllegalStateException("template missing");
                    }
                    rendered.add(content);
                    return new RenderedReport(
                            "Welcome", content.loginLink(), "<p>hi</p>", null, null);
                }
            };

    private final SystemMail mail =
            new SystemMail() {
                @Override
                public byte[] compose(
                        ReportRenderer.RenderedReport report, String to, Instant date) {
                    return (to + "|" + report.subject() + "|" + report.text())
                            .getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public void spool(
                        String queueId,
                        String domain,
                        String recipient,
                        byte[] message,
                        String logDetail,
                        Instant now) {
                    spooled.add(
                            domain
                                    + " "
                                    + recipient
                                    + " "
                                    + new String(message, StandardCharsets.UTF_8));
                }
            };

    private final WelcomeSender sender =
            new WelcomeSender(
                    activations,
                    links,
                    renderer,
                    mail,
                    Fakes.settings("https://filter.example.net"));

    @Test
    void aPendingWelcomeIsRenderedComposedAndSpooledOnce() {
        assertThat(sender.send("carol@example.com")).isTrue();
        assertThat(sender.send("carol@example.com")).isFalse();

        assertThat(rendered)
                .containsExactly(
                        new WelcomeContent(
                                "carol@example.com",
                                "example.com",
                                "https://filter.example.net/set-password?token=17",
                                EXPIRES,
                                "https://filter.example.net/console/",
                                REPORTS_FROM));
        assertThat(spooled)
                .containsExactly(
                        "example.com carol@example.com carol@example.com|Welcome|"
                                + "https://filter.example.net/set-password?token=17");
    }

    @Test
    void aRenderFailureSpoolsNothingAndReachesTheTransaction() {
        rendererBroken = true;

        assertThatThrownBy(() -> sender.send("carol@example.com"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(spooled).isEmpty();
    }
}
