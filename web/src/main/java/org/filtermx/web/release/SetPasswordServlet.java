package org.filtermx.web.release;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.LoginLinks;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * {@code /set-password?token=...}, the login link of welcome mails and reports (ADR 0025). A GET
 * shows the address and a form and changes nothing (link scanners fetch every link); the POST
 * carries the token in its body with the new password, and sets it while using the link up. The
 * token is the only credential, so a page of another site cannot forge the POST without it, and a
 * browser's cross-site POST is refused besides (W3C Fetch Metadata). A used, expired or forged link
 * gets a page that says so.
 */
@WebServlet("/set-password")
public class SetPasswordServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SetPasswordServlet.class.getName());
    private static final String TITLE = "Set your password";

    @Inject private transient LoginLinks links;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String token = request.getParameter("token");
        try {
            form(response, 200, token, links.addressOf(token), null);
        } catch (InvalidRequest e) {
            unusable(response, e);
        } catch (TemporaryFailure e) {
            busy(response);
        } catch (RuntimeException e) {
            failed(response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null
                && !LowerCase.of(site.strip()).equals("same-origin")
                && !LowerCase.of(site.strip()).equals("none")) {
            ReleaseLinkServlet.page(
                    response,
                    403,
                    "This form was sent from another site",
                    "<p>Open the link from your mail again and set the password there.</p>");
            return;
        }
        String token = request.getParameter("token");
        String password = request.getParameter("password");
        String confirmation = request.getParameter("confirmation");
        try {
            String address = links.addressOf(token);
            if (password == null || !password.equals(confirmation)) {
                form(response, 400, token, address, "The two passwords differ. Type it twice.");
                return;
            }
            try {
                links.setPassword(token, password);
            } catch (InvalidRequest e) {
                // A password the rules refuse leaves the link usable: ask again. Otherwise the
                // link was used or expired meanwhile, and the next lookup says so.
                form(response, 400, token, links.addressOf(token), e.getMessage());
                return;
            }
            ReleaseLinkServlet.page(
                    response,
                    200,
                    "Password set",
                    "<p>You can now log in as <b>"
                            + Html.escape(address)
                            + "</b> with your new password to see your quarantine and your mail"
                            + " log.</p><p><a href=\""
                            + Html.escape(request.getContextPath() + "/console/")
                            + "\">Log in</a></p><p>This link cannot be used again.</p>");
        } catch (InvalidRequest e) {
            unusable(response, e);
        } catch (TemporaryFailure e) {
            busy(response);
        } catch (RuntimeException e) {
            failed(response, e);
        }
    }

    private static void form(
            HttpServletResponse response, int status, String token, String address, String error)
            throws IOException {
        ReleaseLinkServlet.page(
                response,
                status,
                TITLE,
                (error == null ? "" : "<p role=\"alert\"><b>" + Html.escape(error) + "</b></p>")
                        + "<p>Choose the password you will log in with as <b>"
                        + Html.escape(address)
                        + "</b>: 10 to 200 characters. This link works once.</p>"
                        + "<form method=\"post\" action=\"set-password\">"
                        + "<input type=\"hidden\" name=\"token\" value=\""
                        + Html.escape(token)
                        + "\">"
                        + "<input type=\"text\" name=\"username\" autocomplete=\"username\""
                        + " value=\""
                        + Html.escape(address)
                        + "\" hidden>"
                        + "<p><label>New password<br><input type=\"password\" name=\"password\""
                        + " id=\"password\" autocomplete=\"new-password\" minlength=\"10\""
                        + " maxlength=\"200\" required></label></p>"
                        + "<p><label>The same again<br><input type=\"password\""
                        + " name=\"confirmation\" id=\"confirmation\""
                        + " autocomplete=\"new-password\" minlength=\"10\" maxlength=\"200\""
                        + " required></label></p>"
                        + "<button type=\"submit\" id=\"setPassword\">Set password</button></form>");
    }

    private static void unusable(HttpServletResponse response, InvalidRequest e)
            throws IOException {
        ReleaseLinkServlet.page(
                response,
                400,
                "This link cannot be used",
                "<p>" + Html.escape(e.getMessage()) + "</p>");
    }

    private static void busy(HttpServletResponse response) throws IOException {
        ReleaseLinkServlet.page(
                response,
                503,
                "Please try again",
                "<p>The service is briefly unavailable. Nothing was changed; try again in a"
                        + " minute.</p>");
    }

    private static void failed(HttpServletResponse response, RuntimeException e)
            throws IOException {
        LOG.log(Level.WARNING, "set-password link failed", e);
        ReleaseLinkServlet.page(
                response,
                500,
                "Something went wrong",
                "<p>Nothing was changed. Please try again later.</p>");
    }
}
