package org.filtermx.web.brand;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.Brand;
import org.filtermx.application.BrandingService;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.web.console.ConsoleUser;

/**
 * The brand of this request's page: the logged-in user's (as {@link BrandingService#of} resolves
 * it), or before login the brand whose login host is exactly the host the browser asked for, else
 * the cluster's. Also writes the few style rules that put the brand's colours on the page; colours
 * are validated {@code #rrggbb}, so the rules can hold nothing else.
 */
@Named("brand")
@RequestScoped
public class ConsoleBrand {

    private static final Logger LOG = Logger.getLogger(ConsoleBrand.class.getName());

    @Inject private BrandingService brands;
    @Inject private SecurityContext security;
    @Inject private ConsoleUser user;
    @Inject private HttpServletRequest request;

    private Brand brand;

    /** The resolved brand; the cluster's when resolving fails, so a page always renders. */
    public Brand brand() {
        if (brand == null) {
            try {
                brand =
                        loggedIn()
                                ? brands.of(user.caller())
                                : brands.ofLoginHost(request.getServerName());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "brand not resolved, showing the cluster's", e);
                brand = Brand.CLUSTER;
            }
        }
        return brand;
    }

    /**
     * Whether a console login is in this request: a caller in one of the account roles (a page
     * without login may still have an anonymous principal).
     */
    private boolean loggedIn() {
        for (AccountRole role : AccountRole.values()) {
            if (security.isCallerInRole(role.name())) {
                return true;
            }
        }
        return false;
    }

    public String getProductName() {
        return brand().productName();
    }

    public boolean isLogo() {
        return brand().hasLogo();
    }

    /** The logo's path below the application, e.g. {@code /brand/<version>/logo}. */
    public String getLogoPath() {
        return brand().logoPath();
    }

    public String getSupportAddress() {
        return brand().supportAddress();
    }

    /** The style rules of the brand's colours; empty for the built-in look. */
    public String getCss() {
        return css(brand());
    }

    static String css(Brand b) {
        StringBuilder css = new StringBuilder(256);
        if (b.primaryColor() != null) {
            String p = b.primaryColor();
            css.append(".fmx-top{background:").append(p).append("}");
            css.append(".fmx-login{border-top:4px solid ").append(p).append("}");
            css.append(".fmx-login h1,.fmx-main h1{color:").append(p).append("}");
        }
        if (b.accentColor() != null) {
            String a = b.accentColor();
            css.append("body .ui-button:not(.fmx-logout-button){background:")
                    .append(a)
                    .append(";border-color:")
                    .append(a)
                    .append("}");
            css.append(".fmx-main a,.fmx-support a{color:").append(a).append("}");
        }
        return css.toString();
    }
}
