package org.filtermx.web.console.tokens;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.filtermx.application.AccountService;
import org.filtermx.application.TokenService;
import org.filtermx.application.TokenService.NewToken;
import org.filtermx.application.TokenService.TokenEntry;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code tokens.xhtml}: the caller's API tokens. Making or revoking one asks for the current
 * password, and while two-step login is on for a current code. A new token's secret is shown once,
 * right after it is made, and kept in no page state after that view.
 */
@Named
@ViewScoped
public class TokensView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient TokenService tokens;
    @Inject private transient AccountService accounts;
    @Inject private transient ConsoleUser user;

    private List<TokenEntry> list = List.of();
    private String name;
    private transient String password;
    private transient String code;
    private transient String secret;

    @PostConstruct
    public void init() {
        List<TokenEntry> found = Feedback.attempt(() -> tokens.list(user.caller()));
        list = found == null ? List.of() : found;
    }

    public void createToken() {
        NewToken made =
                Feedback.attempt(() -> tokens.create(user.caller(), name.strip(), password, code));
        password = null;
        code = null;
        if (made != null) {
            secret = made.secret();
            Feedback.info(
                    "Token "
                            + made.token().name()
                            + " made. Copy it now: it cannot be shown again.");
            name = null;
            init();
        }
    }

    public void revokeToken(TokenEntry token) {
        if (Feedback.attempt(() -> tokens.revoke(user.caller(), token.id(), password, code))) {
            Feedback.info("Token " + token.name() + " revoked.");
        }
        password = null;
        code = null;
        secret = null;
        init();
    }

    /** Whether making and revoking tokens needs a code as well as the password. */
    public boolean isTwoStep() {
        return Boolean.TRUE.equals(Feedback.attempt(() -> accounts.totpEnabled(user.caller())));
    }

    public List<TokenEntry> getList() {
        return list;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getSecret() {
        return secret;
    }
}
