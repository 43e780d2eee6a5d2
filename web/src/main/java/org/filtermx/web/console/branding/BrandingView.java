package org.filtermx.web.console.branding;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.BrandingService;
import org.filtermx.application.BrandingService.BrandChanges;
import org.filtermx.application.BrandingService.BrandSettings;
import org.filtermx.application.ResellerService;
import org.filtermx.application.ResellerService.ResellerEntry;
import org.filtermx.domain.model.brand.LogoImage;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.primefaces.event.FileUploadEvent;

/**
 * {@code branding.xhtml}: a reseller edits the brand its customers see (product name, logo,
 * colours, support address, login host name), and its sub-resellers'; an administrator any
 * reseller's. The service checks every value and who may change what.
 */
@Named
@ViewScoped
public class BrandingView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient BrandingService brands;
    @Inject private transient ResellerService resellers;
    @Inject private transient ConsoleUser user;

    private List<String> choices = List.of();
    private String reseller;
    private String productName;
    private String primaryColor;
    private String accentColor;
    private String supportAddress;
    private String loginHost;
    private String logoUrl;

    @PostConstruct
    public void init() {
        List<String> names = new ArrayList<>();
        if (user.isReseller()) {
            names.add(user.getName());
        }
        List<ResellerEntry> found = Feedback.attempt(() -> resellers.list(user.caller()));
        if (found != null) {
            found.forEach(r -> names.add(r.username()));
        }
        choices = names;
        reseller = names.isEmpty() ? null : names.get(0);
        load();
    }

    /** Shows the chosen reseller's brand. */
    public void load() {
        if (reseller == null) {
            return;
        }
        show(Feedback.attempt(() -> brands.get(user.caller(), reseller)));
    }

    public void save() {
        BrandSettings saved =
                Feedback.attempt(
                        () ->
                                brands.update(
                                        user.caller(),
                                        reseller,
                                        new BrandChanges(
                                                productName,
                                                primaryColor,
                                                accentColor,
                                                supportAddress,
                                                loginHost)));
        if (saved != null) {
            show(saved);
            Feedback.info("Brand of " + reseller + " saved.");
        }
    }

    /** Takes an uploaded PNG or JPEG as the logo (read no further than its size limit). */
    public void uploadLogo(FileUploadEvent event) {
        byte[] bytes;
        try (InputStream in = event.getFile().getInputStream()) {
            bytes = in.readNBytes(LogoImage.MAX_BYTES + 1);
        } catch (IOException e) {
            Feedback.error("The file could not be read.");
            return;
        }
        BrandSettings saved =
                Feedback.attempt(() -> brands.setLogo(user.caller(), reseller, bytes));
        if (saved != null) {
            show(saved);
            Feedback.info("Logo of " + reseller + " saved.");
        }
    }

    public void removeLogo() {
        BrandSettings saved = Feedback.attempt(() -> brands.removeLogo(user.caller(), reseller));
        if (saved != null) {
            show(saved);
            Feedback.info("Logo of " + reseller + " removed.");
        }
    }

    public void reset() {
        if (Feedback.attempt(() -> brands.reset(user.caller(), reseller))) {
            Feedback.info("Brand of " + reseller + " removed; its customers see the default.");
            load();
        }
    }

    private void show(BrandSettings s) {
        if (s == null) {
            return;
        }
        productName = s.productName();
        primaryColor = s.primaryColor();
        accentColor = s.accentColor();
        supportAddress = s.supportAddress();
        loginHost = s.loginHost();
        logoUrl = s.logoUrl();
    }

    public List<String> getChoices() {
        return choices;
    }

    public String getReseller() {
        return reseller;
    }

    public void setReseller(String reseller) {
        this.reseller = reseller;
    }

    public String getProductName() {
        return productName;
    }

    public void setProductName(String productName) {
        this.productName = productName;
    }

    public String getPrimaryColor() {
        return primaryColor;
    }

    public void setPrimaryColor(String primaryColor) {
        this.primaryColor = primaryColor;
    }

    public String getAccentColor() {
        return accentColor;
    }

    public void setAccentColor(String accentColor) {
        this.accentColor = accentColor;
    }

    public String getSupportAddress() {
        return supportAddress;
    }

    public void setSupportAddress(String supportAddress) {
        this.supportAddress = supportAddress;
    }

    public String getLoginHost() {
        return loginHost;
    }

    public void setLoginHost(String loginHost) {
        this.loginHost = loginHost;
    }

    public String getLogoUrl() {
        return logoUrl;
    }
}
