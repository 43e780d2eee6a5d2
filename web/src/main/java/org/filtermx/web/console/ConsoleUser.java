package org.filtermx.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.filtermx.application.Caller;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.web.http.ClientAddress;

/**
 * Who is using the console in this request, as the {@link Caller} every service call takes, and
 * which pages the menu offers that role. The services enforce tenancy themselves; the menu only
 * leaves out what a role cannot use.
 */
@Named("user")
@RequestScoped
public class ConsoleUser {

    @Inject private SecurityContext security;
    @Inject private HttpServletRequest request;
    @Inject private FacesContext faces;
    @Inject private ClientAddress clientAddress;

    private Caller caller;

    /** The logged-in caller, from this request's address. */
    public Caller caller() {
        if (caller == null) {
            Principal principal = security.getCallerPrincipal();
            if (principal == null) {
                throw new IllegalStateException("no console login in this request");
            }
            AccountRole role = null;
            for (AccountRole r : AccountRole.values()) {
                if (security.isCallerInRole(r.name())) {
                    role = r;
                    break;
                }
            }
            caller = new Caller(principal.getName(), role, clientAddress.of(request));
        }
        return caller;
    }

    public String getName() {
        return caller().username();
    }

    public AccountRole getRole() {
        return caller().role();
    }

    public String getRoleLabel() {
        return switch (getRole()) {
            case ADMIN -> "Administrator";
            case RESELLER -> "Reseller";
            case DOMAIN -> "Domain";
            case EMAIL_USER -> "Email user";
        };
    }

    public boolean isAdmin() {
        return getRole() == AccountRole.ADMIN;
    }

    public boolean isReseller() {
        return getRole() == AccountRole.RESELLER;
    }

    public boolean isDomain() {
        return getRole() == AccountRole.DOMAIN;
    }

    public boolean isEmailUser() {
        return getRole() == AccountRole.EMAIL_USER;
    }

    /** Administrators and resellers manage several domains and resellers. */
    public boolean isManager() {
        return isAdmin() || isReseller();
    }

    /** Everyone but email users manages domains' settings and users. */
    public boolean isDomainManager() {
        return !isEmailUser();
    }

    /** Ends the login and the session; a POST, like every change. */
    public String logout() throws ServletException {
        ExternalContext external = faces.getExternalContext();
        request.logout();
        external.invalidateSession();
        return "/login.xhtml?faces-redirect=true";
    }
}
