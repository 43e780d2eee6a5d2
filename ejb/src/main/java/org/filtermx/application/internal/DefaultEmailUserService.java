package org.filtermx.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.EmailUser;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;

/**
 * Email users, managed by whoever manages their domain; an email user may read its own record.
 * A user with a password also gets a login (role EMAIL_USER, user name = its address).
 */
@Stateless
public class DefaultEmailUserService implements EmailUserService {

    static final int IMPORT_CHUNK = 100;

    @Inject private EmailUserRepository users;
    @Inject private UserAccountRepository accounts;
    @Inject private DomainRepository domains;
    @Inject private Tenancy tenancy;
    @Inject private EmailUserImport importer;

    /** Not in a transaction: the save runs in one of its own, and the answer must read what it saved. */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public EmailUserView add(Caller caller, String domain, String address, String password, String reportFrequency,
            String reportFormat) {
        Domain d = managed(caller, domain);
        EmailUserImport.Row row = EmailUserImport.Row.parse(0, address, password, reportFrequency, reportFormat,
                d.name());
        if (users.findByAddress(row.address()).isPresent()) {
            throw new Conflict("email user " + row.address() + " exists");
        }
        EmailUserImport.Outcome outcome = importer.apply(d.id(), List.of(row.hashed()), false).get(0);
        if (outcome.error() != null) {
            throw new Conflict(outcome.error());
        }
        return get(caller, row.address());
    }

    @Override
    public List<EmailUserView> list(Caller caller, String domain, String after, int limit) {
        Domain d = managed(caller, domain);
        String from = after == null || after.isBlank() ? null : after.strip().toLowerCase(Locale.ROOT);
        return users.list(d.id(), from, Math.max(1, Math.min(limit, 1000))).stream()
                .map(u -> view(u, d.name()))
                .toList();
    }

    @Override
    public EmailUserView get(Caller caller, String address) {
        EmailUser user = visible(caller, address);
        return view(user, domainOf(user.address()));
    }

    @Override
    public void remove(Caller caller, String address) {
        EmailUser user = visible(caller, address);
        if (caller.role() == AccountRole.EMAIL_USER) {
            throw new NotFound("no email user " + address);
        }
        accounts.find(user.address(), AccountRole.EMAIL_USER).ifPresent(accounts::remove);
        users.remove(user);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ImportResult importCsv(Caller caller, String domain, Reader csv, IntConsumer progress) {
        Domain d = managed(caller, domain);
        List<EmailUserImport.Row> rows = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int lines = 0;
        try (BufferedReader in = new BufferedReader(csv)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                if (lines > MAX_IMPORT_LINES + 1) {
                    throw new InvalidRequest("a CSV import has at most " + MAX_IMPORT_LINES + " lines");
                }
                String text = line.strip();
                if (text.isEmpty() || (lines == 1 && text.toLowerCase(Locale.ROOT).startsWith("address"))) {
                    continue;
                }
                try {
                    String[] f = text.split(",", -1);
                    if (f.length > 4) {
                        throw new InvalidRequest("too many fields; expected address[,password[,frequency[,format]]]");
                    }
                    EmailUserImport.Row row = EmailUserImport.Row.parse(lines, field(f, 0), field(f, 1), field(f, 2),
                            field(f, 3), d.name());
                    if (!seen.add(row.address())) {
                        throw new InvalidRequest(row.address() + " is listed twice");
                    }
                    rows.add(row);
                } catch (InvalidRequest e) {
                    errors.add(new LineError(lines, clip(text), e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new InvalidRequest("the CSV could not be read: " + e.getMessage());
        }
        int added = 0;
        int updated = 0;
        int done = 0;
        for (int i = 0; i < rows.size(); i += IMPORT_CHUNK) {
            // Passwords are hashed outside the transaction: PBKDF2 is deliberately slow.
            List<EmailUserImport.Row> chunk = rows.subList(i, Math.min(rows.size(), i + IMPORT_CHUNK)).stream()
                    .map(EmailUserImport.Row::hashed).toList();
            try {
                for (EmailUserImport.Outcome o : importer.apply(d.id(), chunk, true)) {
                    if (o.error() != null) {
                        errors.add(new LineError(o.row().line(), o.row().address(), o.error()));
                    } else if (o.added()) {
                        added++;
                    } else {
                        updated++;
                    }
                }
            } catch (RuntimeException e) {
                for (EmailUserImport.Row r : chunk) {
                    errors.add(new LineError(r.line(), r.address(), "not saved, the database refused it; import again"));
                }
            }
            done += chunk.size();
            if (progress != null) {
                progress.accept(done);
            }
        }
        errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new ImportResult(lines, added, updated, errors);
    }

    private Domain managed(Caller caller, String domain) {
        if (domain == null || domain.isBlank()) {
            throw new InvalidRequest("domain is required");
        }
        String name = domain.strip().toLowerCase(Locale.ROOT);
        tenancy.requireManager(caller, name);
        return domains.findByName(name).orElseThrow(() -> new NotFound("no hosted domain " + name));
    }

    /** The user, if the caller manages its domain or is the user. */
    private EmailUser visible(Caller caller, String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        Tenancy.requireCaller(caller);
        boolean self = caller.role() == AccountRole.EMAIL_USER && caller.username().equalsIgnoreCase(a);
        if (!self) {
            try {
                tenancy.requireManager(caller, domainOf(a));
            } catch (NotFound e) {
                throw new NotFound("no email user " + a);
            }
        }
        return users.findByAddress(a).orElseThrow(() -> new NotFound("no email user " + a));
    }

    private EmailUserView view(EmailUser u, String domain) {
        boolean login = accounts.find(u.address(), AccountRole.EMAIL_USER).isPresent();
        return new EmailUserView(u.address(), domain, login, u.reportFrequency(), u.reportFormat(), u.createdAt());
    }

    private static String field(String[] fields, int i) {
        return i < fields.length && !fields[i].isBlank() ? fields[i].strip() : null;
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
