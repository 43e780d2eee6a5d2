package org.filtermx.infrastructure.smtp;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.filtermx.application.port.BounceWriter;
import org.filtermx.domain.model.message.StoredContent;

/** The application's bounce writer: RFC 3464 DSNs composed by {@link DsnComposer}. */
public final class DsnBounceWriter implements BounceWriter {

    private final DsnComposer composer;

    public DsnBounceWriter(DsnComposer composer) {
        this.composer = Objects.requireNonNull(composer, "composer");
    }

    @Override
    public boolean mayNotify(String sender) {
        return DsnComposer.requiresDsn(sender);
    }

    @Override
    public byte[] write(
            String sender, Instant arrival, List<FailedRecipient> failed, StoredContent original)
            throws IOException {
        List<DsnRecipient> report =
                failed.stream()
                        .map(
                                r ->
                                        DsnRecipient.failed(
                                                        r.last(), r.remoteMta(), r.lastAttempt())
                                                .withOriginalRecipient(r.originalRecipient()))
                        .toList();
        return composer.compose(
                sender,
                arrival,
                report,
                MessageSource.concat(original.head(), MessageSource.ofBytes(original.body())));
    }
}
