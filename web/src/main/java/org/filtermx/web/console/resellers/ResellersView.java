package org.filtermx.web.console.resellers;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.filtermx.application.ResellerService;
import org.filtermx.application.ResellerService.ResellerEntry;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code resellers.xhtml}: an administrator adds and removes resellers; a reseller its
 * sub-resellers. A password can be set anew for any of them.
 */
@Named
@ViewScoped
public class ResellersView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient ResellerService resellers;
    @Inject private transient ConsoleUser user;

    private List<ResellerEntry> list = List.of();
    private String username;
    private String password;
    private String passwordFor;
    private String newPassword;

    @PostConstruct
    public void init() {
        List<ResellerEntry> found = Feedback.attempt(() -> resellers.list(user.caller()));
        list = found == null ? List.of() : found;
    }

    public void addReseller() {
        ResellerEntry added =
                Feedback.attempt(() -> resellers.add(user.caller(), username.strip(), password));
        if (added != null) {
            Feedback.info("Reseller " + added.username() + " added. It can log in now.");
            username = null;
            password = null;
            init();
        }
    }

    public void removeReseller(String name) {
        if (Feedback.attempt(() -> resellers.remove(user.caller(), name))) {
            Feedback.info("Reseller " + name + " removed.");
        }
        init();
    }

    public void changePassword() {
        if (Feedback.attempt(
                () -> resellers.changePassword(user.caller(), passwordFor, newPassword))) {
            Feedback.info("Password of " + passwordFor + " changed.");
            newPassword = null;
        }
    }

    public List<ResellerEntry> getList() {
        return list;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getPasswordFor() {
        return passwordFor;
    }

    public void setPasswordFor(String passwordFor) {
        this.passwordFor = passwordFor;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }
}
