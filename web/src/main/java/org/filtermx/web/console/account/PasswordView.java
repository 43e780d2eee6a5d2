package org.filtermx.web.console.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.filtermx.application.AccountService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/** {@code password.xhtml}: changes the caller's own password after checking the current one. */
@Named
@RequestScoped
public class PasswordView {

    @Inject private AccountService accounts;
    @Inject private ConsoleUser user;

    private String current;
    private String replacement;
    private String confirmation;

    public void change() {
        if (!replacement.equals(confirmation)) {
            Feedback.error("New password: the two entries differ. Type the same new password twice.");
            return;
        }
        if (Feedback.attempt(() -> accounts.changeOwnPassword(user.caller(), current, replacement))) {
            Feedback.info("Your password was changed.");
        }
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
