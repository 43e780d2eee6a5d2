package org.filtermx.application;

import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.SmtpSession;

/** Decides each RCPT TO on the MX port: hosted domain, alias rewrite, local recipients, relay. */
public interface RecipientPolicy {

    RecipientDecision decide(SmtpSession session, String reversePath, String recipient);
}
