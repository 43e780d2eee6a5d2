package org.filtermx.web.console.account;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import org.filtermx.application.AccountService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.filtermx.web.console.security.SessionAccounts;

/**
 * {@code password.xhtml}: changes the caller's own password, and sets up or switches off two-step
 * login (a code from an authenticator app, RFC 6238). Each change asks for the current password,
 * and while two-step login is on for a current code as well.
 */
@Named
@ViewScoped
public class PasswordView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private AccountService accounts;
    @Inject private ConsoleUser user;
    @Inject private SessionAccounts sessions;
    @Inject private HttpServletRequest request;

    private String current;
    private String replacement;
    private String confirmation;
    private String code;
    private String currentCode;
    private AccountService.TotpSetup setup;

    public void change() {
        if (!replacement.equals(confirmation)) {
            Feedback.error(
                    "New password: the two entries differ. Type the same new password twice.");
            return;
        }
        if (Feedback.attempt(
                () ->
                        accounts.changeOwnPassword(
                                user.caller(), current, currentCode, replacement))) {
            sessions.renew(request);
            Feedback.info("Your password was changed. Your other console sessions have ended.");
        }
        forget();
    }

    /** Whether console logins of this account need a code. */
    public boolean isTwoStep() {
        return accounts.totpEnabled(user.caller());
    }

    public void startTwoStep() {
        Feedback.attempt(() -> setup = accounts.startTotp(user.caller(), current));
        forget();
    }

    public void confirmTwoStep() {
        if (Feedback.attempt(() -> accounts.confirmTotp(user.caller(), code))) {
            setup = null;
            Feedback.info(
                    "Two-step login is on. From your next login, enter the code from your app.");
        }
    }

    public void disableTwoStep() {
        if (Feedback.attempt(() -> accounts.disableTotp(user.caller(), current, currentCode))) {
            Feedback.info("Two-step login is off.");
        }
        forget();
    }

    /** The current password and code are used once and kept in no view state. */
    private void forget() {
        current = null;
        currentCode = null;
    }

    public AccountService.TotpSetup getSetup() {
        return setup;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getCurrentCode() {
        return currentCode;
    }

    public void setCurrentCode(String currentCode) {
        this.currentCode = currentCode;
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getReplacement() {
        return replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
