package org.filtermx.smtp.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.filtermx.imap.api.ImapListener;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.server.ImapServerSettings;
import org.filtermx.imap.server.ra.ImapActivationSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IMAP endpoint activation of the resource adapter: properties, ports, delivery brackets. */
class ImapResourceAdapterTest {

    @TempDir Path directory;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private SmtpResourceAdapter adapter() {
        SmtpResourceAdapter adapter = new SmtpResourceAdapter();
        adapter.setBindAddress("127.0.0.1");
        adapter.setDataDirectory(directory.toString());
        adapter.setServerName("mx.test");
        return adapter;
    }

    @Test
    void readsTheImapPropertiesWithTheirDefaults() {
        SmtpResourceAdapter adapter = adapter();
        adapter.setImapPort("${FILTERMX_TEST_UNSET_IMAP:1143}");
        ImapServerSettings settings = adapter.imapSettings();
        assertThat(settings.port()).isEqualTo(1143);
        assertThat(settings.implicitTlsPort()).isEqualTo(9930);
        assertThat(settings.cleartextLoginOnLoopback()).isFalse();
        assertThat(settings.idlePoll().toSeconds()).isEqualTo(10);
        assertThat(settings.maxConnectionsPerIp()).isEqualTo(10);
        assertThat(settings.messageSizeLimit()).isEqualTo(10_240_000);

        adapter.setImapsPort("0");
        adapter.setImapCleartextLoginOnLoopback("true");
        adapter.setImapIdlePollSeconds("3");
        assertThat(adapter.imapSettings().implicitTlsPort()).isZero();
        assertThat(adapter.imapSettings().cleartextLoginOnLoopback()).isTrue();
        assertThat(adapter.imapSettings().idlePoll().toSeconds()).isEqualTo(3);
        assertThat(adapter).isNotEqualTo(adapter());
    }

    @Test
    void bindsBothImapListenersAndCallsTheEndpointThroughTheWorkManager() throws Exception {
        int port = freePort();
        int implicitTlsPort = freePort();
        SmtpResourceAdapter adapter = adapter();
        adapter.setImapPort(Integer.toString(port));
        adapter.setImapsPort(Integer.toString(implicitTlsPort));
        adapter.setImapCleartextLoginOnLoopback("true");
        adapter.start(bootstrapContext());
        ImapActivationSpec spec = new ImapActivationSpec();
        try {
            adapter.endpointActivation(endpointFactory(), spec);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("* OK [CAPABILITY IMAP4rev1");
                socket.getOutputStream()
                        .write(
                                "a1 LOGIN example.com secret\r\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("a1 OK [CAPABILITY");
            }
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new TrustAll()}, null);
            try (SSLSocket tls =
                    (SSLSocket)
                            trustAll.getSocketFactory()
                                    .createSocket("127.0.0.1", implicitTlsPort)) {
                tls.setSoTimeout(5000);
                tls.startHandshake();
                assertThat(
                                new BufferedReader(
                                                new InputStreamReader(
                                                        tls.getInputStream(),
                                                        StandardCharsets.US_ASCII))
                                        .readLine())
                        .startsWith("* OK [CAPABILITY IMAP4rev1");
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!calls.contains("onClose") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(calls)
                    .startsWith("work", "create", "before onLogin", "onLogin", "after", "release")
                    .contains("before onClose", "onClose");
        } finally {
            adapter.endpointDeactivation(null, spec);
            adapter.stop();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private BootstrapContext bootstrapContext() {
        WorkManager workManager =
                proxy(
                        WorkManager.class,
                        (method, args) -> {
                            if (method.getName().equals("scheduleWork")) {
                                calls.add("work");
                                Work work = (Work) args[0];
                                threads.execute(work::run);
                            }
                            return null;
                        });
        return proxy(
                BootstrapContext.class,
                (method, args) -> method.getName().equals("getWorkManager") ? workManager : null);
    }

    private MessageEndpointFactory endpointFactory() {
        ImapListener listener =
                (ImapListener)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {ImapListener.class, MessageEndpoint.class},
                                (self, method, args) ->
                                        switch (method.getName()) {
                                            case "beforeDelivery" -> {
                                                calls.add("before " + ((Method) args[0]).getName());
                                                yield null;
                                            }
                                            case "afterDelivery" -> {
                                                calls.add("after");
                                                yield null;
                                            }
                                            case "release" -> {
                                                calls.add("release");
                                                yield null;
                                            }
                                            case "onLogin" -> {
                                                calls.add("onLogin");
                                                yield ImapLogin.success("example.com");
                                            }
                                            case "onClose" -> {
                                                calls.add("onClose");
                                                yield null;
                                            }
                                            default ->
                                                    throw new UnsupportedOperationException(
                                                            method.getName());
                                        });
        return proxy(
                MessageEndpointFactory.class,
                (method, args) -> {
                    if (method.getName().equals("createEndpoint")) {
                        calls.add("create");
                        return listener;
                    }
                    return null;
                });
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T)
                Proxy.newProxyInstance(
                        ImapResourceAdapterTest.class.getClassLoader(),
                        new Class<?>[] {type},
                        (self, method, args) -> handler.handle(method, args));
    }
}
