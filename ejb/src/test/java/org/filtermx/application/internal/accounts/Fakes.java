package org.filtermx.application.internal.accounts;

import java.lang.reflect.Proxy;
import org.filtermx.application.port.InstallationSettings;

/** Small stand-ins shared by the account tests. */
final class Fakes {

    private Fakes() {}

    /** Settings with only a public URL and a host name; any other setting fails the test. */
    static InstallationSettings settings(String publicUrl) {
        return (InstallationSettings)
                Proxy.newProxyInstance(
                        Fakes.class.getClassLoader(),
                        new Class<?>[] {InstallationSettings.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "publicUrl" -> publicUrl;
                                    case "hostname" -> "gateway.test";
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }
}
