package org.filtermx.web.console.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.filtermx.application.AccountService;
import org.filtermx.application.TooManyAttempts;
import org.filtermx.web.http.ClientAddress;

/**
 * The console's identity store: the accounts in the database, checked by {@link
 * AccountService#authenticate(String, String, String, String)} (PBKDF2 hashes, the second factor
 * where the account has one, login throttling). The caller's one role becomes its one group, and so
 * its role in the web module.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject private AccountService accounts;
    @Inject private HttpServletRequest request;
    @Inject private LoginAttempt attempt;
    @Inject private ClientAddress clientAddress;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try {
            String code = credential instanceof CodedCredential coded ? coded.code() : null;
            return accounts.authenticate(
                            login.getCaller(),
                            login.getPasswordAsString(),
                            code,
                            clientAddress.of(request))
                    .map(
                            caller ->
                                    new CredentialValidationResult(
                                            caller.username(), Set.of(caller.role().name())))
                    .orElse(CredentialValidationResult.INVALID_RESULT);
        } catch (TooManyAttempts e) {
            attempt.throttled(e.retryAfterSeconds());
            return CredentialValidationResult.INVALID_RESULT;
        }
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }
}
