package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reseller accounts a test class makes through the API, all with one password: the setup that was
 * copied from class to class. Registered as a static {@code @RegisterExtension} field; after the
 * class it removes each reseller it made that no longer owns anything (the API refuses the others,
 * which then stay, as before).
 */
final class Resellers implements AfterAllCallback {

    private final String password;
    private final List<String> made = new CopyOnWriteArrayList<>();

    Resellers(String password) {
        this.password = password;
    }

    /** Adds a reseller named {@code name} as the administrator; fails the test if refused. */
    String add(String name) {
        Api.Response r = Gateway.admin().post("/resellers", body(name));
        assertThat(r.status()).as("adding reseller %s: %s", name, r).isEqualTo(201);
        made.add(name);
        return name;
    }

    /** Adds a reseller named {@code prefix} plus a random suffix; returns the name. */
    String addUnique(String prefix) {
        return add(prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
    }

    /** The API as one of these resellers. */
    Api as(String name) {
        return new Api(name, password);
    }

    String password() {
        return password;
    }

    /** The JSON body that adds reseller {@code name} with this password. */
    String body(String name) {
        return "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Api admin = Gateway.admin();
        for (String name : made) {
            admin.delete("/resellers/" + name);
        }
    }
}
