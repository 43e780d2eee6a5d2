package org.filtermx.application.internal.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.filtermx.application.internal.intake.HeaderSummary;
import org.filtermx.application.internal.intake.MessageStore;
import org.filtermx.application.port.EncodedWordDecoder;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.filtermx.domain.model.message.Direction;

/**
 * The mail the gateway writes itself (reports, welcome mails): composed with Jakarta Mail and
 * handed to the spool like received mail that passed the filter, so that it is logged, delivered to
 * the domain's route and retried like any other, and never scanned.
 */
@ApplicationScoped
public class SystemMail {

    /** No session properties: the session only composes, it never connects anywhere. */
    private static final Session COMPOSING = Session.getInstance(new Properties());

    @Inject private InstallationSettings settings;
    @Inject private MessageStore store;
    @Inject private EncodedWordDecoder words;

    /**
     * The message to {@code to}: {@code multipart/alternative} of the plain text and the HTML,
     * inside a {@code multipart/mixed} with the PDF when there is one. It carries {@code
     * Auto-Submitted: auto-generated} (RFC 3834 section 5) so that no auto-responder answers it.
     */
    public byte[] compose(RenderedReport mail, String to, Instant date) {
        try {
            MimeMessage message = new MimeMessage(COMPOSING);
            message.setFrom(from());
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(date));
            message.setHeader("Auto-Submitted", "auto-generated");
            if (mail.replyTo() != null) {
                // The reseller's support address: a customer answering a report reaches it.
                message.setReplyTo(
                        new InternetAddress[] {new InternetAddress(mail.replyTo(), true)});
            }
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            alternative.addBodyPart(text);
            alternative.addBodyPart(htmlPart(mail));
            if (mail.pdf() == null) {
                message.setContent(alternative);
            } else {
                MimeBodyPart body = new MimeBodyPart();
                body.setContent(alternative);
                MimeBodyPart pdf = new MimeBodyPart();
                pdf.setDataHandler(
                        new jakarta.activation.DataHandler(
                                new ByteArrayDataSource(mail.pdf(), "application/pdf")));
                pdf.setFileName(mail.pdfFileName());
                pdf.setDisposition(MimeBodyPart.ATTACHMENT);
                MimeMultipart mixed = new MimeMultipart("mixed");
                mixed.addBodyPart(body);
                mixed.addBodyPart(pdf);
                message.setContent(mixed);
            }
            message.saveChanges();
            message.setHeader(
                    "Message-ID", "<" + UUID.randomUUID() + "@" + settings.hostname() + ">");
            ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot compose the mail to " + to, e);
        }
    }

    /**
     * The HTML alternative: the HTML alone, or with the brand's logo as {@code multipart/related}
     * (RFC 2387), the HTML referring to it as {@code cid:} (RFC 2392) so that no remote image is
     * ever fetched.
     */
    private static MimeBodyPart htmlPart(RenderedReport mail) throws MessagingException {
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        if (mail.logo() == null || mail.logoType() == null) {
            return html;
        }
        MimeBodyPart logo = new MimeBodyPart();
        logo.setDataHandler(
                new jakarta.activation.DataHandler(
                        new ByteArrayDataSource(mail.logo(), mail.logoType())));
        logo.setContentID("<" + RenderedReport.LOGO_CID + ">");
        logo.setDisposition(MimeBodyPart.INLINE);
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(html);
        related.addBodyPart(logo);
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(related);
        return part;
    }

    /**
     * Spools {@code message} for {@code recipient} of hosted domain {@code domain} with the null
     * reverse-path (RFC 5321 section 4.5.5: no DSN ever goes back for it), in the caller's
     * transaction; it is delivered once that commits.
     */
    public void spool(
            String queueId,
            String domain,
            String recipient,
            byte[] message,
            String logDetail,
            Instant now) {
        store.store(
                List.of(
                        MessageStore.Item.systemMail(
                                queueId,
                                Direction.INBOUND,
                                domain,
                                domain,
                                recipient,
                                settings.hostname(),
                                message,
                                HeaderSummary.of(message, words),
                                now,
                                logDetail)));
    }

    private InternetAddress from() throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(settings.reportFrom(), true);
        if (parsed.length != 1) {
            throw new AddressException("FILTERMX_REPORT_FROM must be one address");
        }
        return parsed[0];
    }
}
