package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's report actions. On the email users page "Send report now" says in words that the
 * report went out and the domain's mail server receives it, once; "Preview report" shows the report
 * in a sandboxed frame, never as part of the console page. On the domain page the domain's report
 * settings are saved and its report is sent at once to the address set there.
 */
@GatewayTest
@RunAsClient
class ConsoleReportsIT {

    private final Api api = Gateway.admin();

    @Test
    void anAdministratorSendsAndPreviewsAUsersReport() throws Exception {
        try (SmtpSink sink = SmtpSink.start();
                Browser b = Browser.open()) {
            String domain = Gateway.uniqueDomain("console-report");
            String bob = "bob@" + domain;
            api.addDomain(domain, sink.port());
            try {
                assertThat(
                                api.post(
                                                "/domains/" + domain + "/users",
                                                "{\"address\":\""
                                                        + bob
                                                        + "\",\"reports\":{\"frequency\":\"never\",\"format\":\"html\"}}")
                                        .status())
                        .isEqualTo(201);
                b.login("admin", Gateway.ADMIN_PASSWORD);
                b.get("/console/users.xhtml");
                b.choose("pick:domain", domain);
                b.awaitText(By.id("list:users"), bob);

                b.click("list:users:0:sendReport");
                assertThat(b.messages()).contains("Report for " + bob + " sent to " + bob);
                List<String> got = sink.awaitMessages(1, Duration.ofSeconds(60));
                assertThat(got).as("report at the domain's server").isNotEmpty();
                assertThat(got.get(0))
                        .contains("X-Rcpt-Args: <" + bob + ">")
                        .contains("Auto-Submitted: auto-generated");
                assertThat(sink.messagesAfter(Duration.ofSeconds(2))).as("reports").hasSize(1);

                b.click("list:users:0:previewReport");
                WebElement frame = b.find(By.id("reportFrame"));
                assertThat(frame.getDomAttribute("sandbox"))
                        .as("sandbox, no allowances")
                        .isNotNull()
                        .isEmpty();
                assertThat(frame.getDomAttribute("srcdoc")).containsIgnoringCase("<html");
                assertThat(b.find(By.id("preview:reportSubject")).getText()).isNotBlank();
                b.screenshot("report-preview");
                assertThat(sink.messagesAfter(Duration.ofSeconds(1)))
                        .as("a preview sends nothing")
                        .hasSize(1);

                // The domain's report: settings on the domain page, then sent at once.
                String reportsTo = "reports@" + domain;
                b.get("/console/domain.xhtml?name=" + domain);
                b.choose("reports:reportFrequency", "Weekly");
                b.type("reports:reportAddress", reportsTo);
                b.click("reports:saveReportSettings");
                assertThat(b.messages())
                        .contains("Report settings saved: weekly HTML report to " + reportsTo);
                assertThat(api.get("/domains/" + domain).body())
                        .contains("\"frequency\":\"weekly\"")
                        .contains(reportsTo);
                b.click("reports:sendDomainReport");
                assertThat(b.messages()).contains("Report for " + domain + " sent to " + reportsTo);
                assertThat(sink.awaitMessages(2, Duration.ofSeconds(60)))
                        .as("the domain's report")
                        .hasSize(2)
                        .anySatisfy(
                                m -> assertThat(m).contains("X-Rcpt-Args: <" + reportsTo + ">"));
            } finally {
                api.delete("/domains/" + domain);
            }
        }
    }
}
