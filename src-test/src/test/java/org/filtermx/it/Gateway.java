package org.filtermx.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The gateway under test, as {@code scripts/it-env.sh} started it: its ports, its admin login,
 * and the means to crash and restart it.
 */
final class Gateway {

    static final String HOST = "127.0.0.1";
    static final int SMTP_PORT = Integer.getInteger("filtermx.it.smtp", 12525);
    static final int HTTP_PORT = Integer.getInteger("filtermx.it.http", 18080);
    static final String ADMIN_PASSWORD = System.getProperty("filtermx.it.admin", "it-admin-Secret-1");
    static final int MESSAGE_SIZE_LIMIT = 1_048_576;
    static final Path ROOT = Path.of(System.getProperty("filtermx.root", "..")).toAbsolutePath().normalize();

    private Gateway() {}

    static Api admin() {
        return new Api("admin", ADMIN_PASSWORD);
    }

    /** A fresh domain name, so that tests never see each other's mail or settings. */
    static String uniqueDomain(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    /** Kills the server with SIGKILL, like a power cut. */
    static void crash() throws IOException, InterruptedException {
        itEnv("crash");
    }

    /** Starts the server again and waits until every listener is ready. */
    static void restart() throws IOException, InterruptedException {
        itEnv("restart");
    }

    private static void itEnv(String action) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of(ROOT.resolve("scripts/it-env.sh").toString(), action))
                        .inheritIO()
                        .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("it-env.sh " + action + " failed");
        }
    }
}
