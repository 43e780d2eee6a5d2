package org.filtermx.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import org.filtermx.application.Caller;
import org.filtermx.application.Forbidden;
import org.filtermx.application.QuarantineService;
import org.filtermx.application.QuarantineView;
import org.filtermx.domain.model.quarantine.QuarantineRepository;

/** Quarantine listing; administrators see every domain. */
@Stateless
public class DefaultQuarantineService implements QuarantineService {

    @Inject private QuarantineRepository quarantine;

    @Override
    public List<QuarantineView> list(Caller caller, String domain, String recipient, int limit) {
        if (caller == null || !caller.admin()) {
            throw new Forbidden("only administrators list the whole quarantine");
        }
        return quarantine.list(null, lower(domain), lower(recipient), limit).stream()
                .map(q -> new QuarantineView(q.id(), q.queueId(), q.logId(), q.domain(), q.sender(), q.recipients(),
                        q.subject(), q.verdict(), q.score(), q.reasons(), q.size(), q.createdAt(), q.expiresAt()))
                .toList();
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
