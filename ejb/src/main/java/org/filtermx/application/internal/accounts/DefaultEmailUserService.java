package org.filtermx.application.internal.accounts;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.EmailUser;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Email users, managed by whoever manages their domain; an email user may read its own record. A
 * user with a password also gets a login (role EMAIL_USER, user name = its address).
 */
@Stateless
public class DefaultEmailUserService implements EmailUserService {

    @Inject private EmailUserRepository users;
    @Inject private UserAccountRepository accounts;
    @Inject private DomainRepository domains;
    @Inject private Tenancy tenancy;
    @Inject private EmailUserImport importer;
    @Inject private ImportJobs jobs;
    @Inject private BackgroundImport background;

    /**
     * Not in a transaction: the save runs in one of its own, and the answer must read what it
     * saved.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public EmailUserEntry add(
            Caller caller,
            String domain,
            String address,
            String password,
            String reportFrequency,
            String reportFormat) {
        Domain d = managed(caller, domain);
        EmailUserImport.Row row =
                EmailUserImport.Row.parse(
                        0, address, password, reportFrequency, reportFormat, d.name());
        if (users.findByAddress(row.address()).isPresent()) {
            throw new Conflict("email user " + row.address() + " exists");
        }
        EmailUserImport.Outcome outcome =
                importer.apply(d.id(), List.of(row.hashed()), false).get(0);
        if (outcome.error() != null) {
            throw new Conflict(outcome.error());
        }
        return get(caller, row.address());
    }

    @Override
    public List<EmailUserEntry> list(Caller caller, String domain, String after, int limit) {
        Domain d = managed(caller, domain);
        String from = after == null || after.isBlank() ? null : LowerCase.of(after.strip());
        return users.list(d.id(), from, Math.max(1, Math.min(limit, 1000))).stream()
                .map(u -> view(u, d.name()))
                .toList();
    }

    @Override
    public EmailUserEntry get(Caller caller, String address) {
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

    /** Not in a transaction: reading the file takes none, and saving runs in its own chunks. */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ImportJob startImport(Caller caller, String domain, byte[] csv) {
        Domain d = managed(caller, domain);
        EmailUserCsv.Parsed parsed = EmailUserCsv.parse(csv, d.name());
        ImportJobs.Job job =
                jobs.start(
                        owner(caller),
                        d.name(),
                        parsed.lines(),
                        parsed.rows().size() + parsed.errors().size(),
                        parsed.errors());
        job.done.set(parsed.errors().size());
        try {
            background.start(job, d.id(), parsed.rows());
        } catch (RejectedExecutionException e) {
            jobs.forget(job);
            throw new TemporaryFailure("the server is too busy to start an import; try again", e);
        }
        return job.view();
    }

    @Override
    public ImportJob importJob(Caller caller, String id) {
        Tenancy.requireCaller(caller);
        return jobs.find(owner(caller), id)
                .map(ImportJobs.Job::view)
                .orElseThrow(() -> new NotFound("no import " + id));
    }

    /** Who may poll an import: the same login, told apart by kind as well as name. */
    private static String owner(Caller caller) {
        return caller.role() + ":" + caller.username();
    }

    private Domain managed(Caller caller, String domain) {
        if (domain == null || domain.isBlank()) {
            throw new InvalidRequest("domain is required");
        }
        String name = LowerCase.of(domain.strip());
        tenancy.requireManager(caller, name);
        return domains.findByName(name).orElseThrow(() -> new NotFound("no hosted domain " + name));
    }

    /** The user, if the caller manages its domain or is the user. */
    private EmailUser visible(Caller caller, String address) {
        String a = address == null ? "" : LowerCase.of(address.strip());
        Tenancy.requireCaller(caller);
        boolean self =
                caller.role() == AccountRole.EMAIL_USER && caller.username().equalsIgnoreCase(a);
        if (!self) {
            try {
                tenancy.requireManager(caller, domainOf(a));
            } catch (NotFound e) {
                throw new NotFound("no email user " + a);
            }
        }
        return users.findByAddress(a).orElseThrow(() -> new NotFound("no email user " + a));
    }

    private EmailUserEntry view(EmailUser u, String domain) {
        boolean login = accounts.find(u.address(), AccountRole.EMAIL_USER).isPresent();
        return new EmailUserEntry(
                u.address(), domain, login, u.reportFrequency(), u.reportFormat(), u.createdAt());
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
