package org.filtermx.web.console.security;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The login form. Unknown users and wrong passwords get the same words; a throttled login says when
 * to try again. The session gets a new id as the login is established (session fixation).
 */
@Named
@RequestScoped
public class LoginForm {

    /** The one answer for an unknown user and a wrong password. */
    public static final String REFUSED = "The user name, the password or the code is not right.";

    @Inject private SecurityContext security;
    @Inject private FacesContext faces;
    @Inject private LoginAttempt attempt;

    private String username;
    private String password;
    private String code;

    public String login() {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        // A session id that existed before the login (possibly planted) never carries it.
        request.getSession(true);
        request.changeSessionId();
        AuthenticationStatus status =
                security.authenticate(
                        request,
                        response,
                        withParams()
                                .newAuthentication(true)
                                .credential(new CodedCredential(username.strip(), password, code)));
        switch (status) {
            case SEND_CONTINUE:
                faces.responseComplete();
                return null;
            case SUCCESS:
                return "/console/index.xhtml?faces-redirect=true";
            default:
                password = null;
                faces.addMessage(
                        null,
                        new FacesMessage(
                                FacesMessage.SEVERITY_ERROR,
                                attempt.wasThrottled()
                                        ? "Too many failed logins. Try again in "
                                                + attempt.retryAfterSeconds()
                                                + " seconds."
                                        : REFUSED,
                                null));
                return null;
        }
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
