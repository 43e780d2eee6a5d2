package org.filtermx.application.internal.outgoing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.filtermx.application.OutgoingPolicy;
import org.filtermx.application.OutgoingSender;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/** PLACEHOLDER of the issue 15 contract, replaced by the outgoing-users part: relays nothing. */
@ApplicationScoped
class UnavailableOutgoingPolicy implements OutgoingPolicy {

    private static final Reply NEED_AUTH = Reply.of(530, "5.7.0", "Authentication required");

    @Override
    public AuthDecision authenticate(SmtpSession session, String username, String password) {
        return AuthDecision.invalidCredentials();
    }

    @Override
    public Reply sender(SmtpSession session, String reversePath) {
        return NEED_AUTH;
    }

    @Override
    public RecipientDecision recipient(SmtpSession session, String reversePath, String recipient) {
        return RecipientDecision.refuse(NEED_AUTH);
    }

    @Override
    public Optional<OutgoingSender> identify(
            SmtpSession session, String reversePath, UnaryOperator<String> header) {
        return Optional.empty();
    }

    @Override
    public Optional<Reply> admit(OutgoingSender sender, int recipients) {
        return Optional.of(NEED_AUTH);
    }

    @Override
    public boolean lockForSpam(OutgoingSender sender, String reason) {
        return false;
    }

    @Override
    public void closed(SmtpSession session) {}
}
