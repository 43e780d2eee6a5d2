package org.filtermx.application.internal.quarantine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.filtermx.application.port.InstallationSettings;

/**
 * Issues the signed link that releases one recipient's copy of a held message, valid until the
 * message expires: the quarantine service hands it out on request, reports put one on each line.
 * Callers check first that the recipient may have it.
 */
@ApplicationScoped
public class ReleaseLinks {

    @Inject private ReleaseLinkKeys keys;
    @Inject private InstallationSettings settings;

    /**
     * The public URL of the release page for {@code recipient}'s copy of held message {@code id}.
     */
    public String link(long id, String recipient, Instant expiresAt) {
        String token = keys.current().tokens().sign(id, recipient, expiresAt);
        return settings.publicUrl()
                + "/release/"
                + URLEncoder.encode(token, StandardCharsets.US_ASCII);
    }
}
