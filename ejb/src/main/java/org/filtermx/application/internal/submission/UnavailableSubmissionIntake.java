package org.filtermx.application.internal.submission;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.filtermx.application.SubmissionIntake;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/** PLACEHOLDER of the issue 15 contract, replaced by the outbound-path part: keeps nothing. */
@ApplicationScoped
class UnavailableSubmissionIntake implements SubmissionIntake {

    @Override
    public Reply accept(SmtpSession session, Envelope envelope, Path message) {
        return Reply.TEMPORARY_FAILURE;
    }
}
