package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.filtermx.application.BrandingService;
import org.filtermx.application.BrandingService.BrandChanges;
import org.filtermx.application.BrandingService.BrandSettings;
import org.filtermx.application.InvalidRequest;
import org.filtermx.domain.model.brand.LogoImage;

/**
 * A reseller's brand: {@code GET /resellers/{name}/branding}, {@code PUT /resellers/{name}/branding
 * {"productName":..,"primaryColor":"#rrggbb","accentColor":"#rrggbb",
 * "supportAddress":..,"loginHost":..}}, {@code DELETE /resellers/{name}/branding} (back to the
 * cluster's brand), {@code PUT /resellers/{name}/branding/logo} with the PNG or JPEG itself as the
 * body, {@code DELETE /resellers/{name}/branding/logo}. The service decides who may edit which
 * brand; the logo's type is told by its bytes, whatever the Content-Type says.
 */
@Path("/resellers/{name}/branding")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BrandingResource {

    @Inject private BrandingService brands;
    @Inject private CurrentCaller caller;

    @GET
    public BrandSettings get(@PathParam("name") String name) {
        return brands.get(caller.get(), name);
    }

    @PUT
    public BrandSettings update(@PathParam("name") String name, BrandChanges body) {
        return brands.update(caller.get(), name, body);
    }

    @DELETE
    public Response reset(@PathParam("name") String name) {
        brands.reset(caller.get(), name);
        return Response.noContent().build();
    }

    @PUT
    @Path("logo")
    @Consumes(MediaType.WILDCARD)
    public BrandSettings logo(@PathParam("name") String name, InputStream body) {
        return brands.setLogo(caller.get(), name, capped(body));
    }

    @DELETE
    @Path("logo")
    public BrandSettings removeLogo(@PathParam("name") String name) {
        return brands.removeLogo(caller.get(), name);
    }

    /** The body, read no further than one byte past the logo's limit. */
    private static byte[] capped(InputStream body) {
        if (body == null) {
            throw new InvalidRequest("send the PNG or JPEG logo as the request body");
        }
        try {
            byte[] bytes = body.readNBytes(LogoImage.MAX_BYTES + 1);
            if (bytes.length > LogoImage.MAX_BYTES) {
                throw new InvalidRequest(
                        "the logo is larger than " + LogoImage.MAX_BYTES / 1024 + " KiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new InvalidRequest("the logo could not be read: the upload broke off");
        }
    }
}
