package org.filtermx.domain.model.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DomainReportSettingsTest {

    @Test
    void changesOnlyWhatIsGivenAndAnEmptyAddressMeansTheAdminContact() {
        DomainReportSettings s =
                DomainReportSettings.NONE.with(" Weekly ", "PDF", "reports@example.com");
        assertThat(s).isEqualTo(new DomainReportSettings("weekly", "pdf", "reports@example.com"));
        assertThat(s.with(null, "html", null))
                .isEqualTo(new DomainReportSettings("weekly", "html", "reports@example.com"));
        assertThat(s.with(null, null, "").address()).isNull();
    }

    @Test
    void refusesUnknownValuesAndAnythingButOneAddress() {
        assertThatThrownBy(() -> DomainReportSettings.NONE.with("hourly", null, null))
                .hasMessageContaining("never, daily or weekly");
        assertThatThrownBy(() -> DomainReportSettings.NONE.with(null, "doc", null))
                .hasMessageContaining("html or pdf");
        for (String bad :
                new String[] {"nobody", "a@b@c", "a@b, c@d", "a@b\r\nBcc: x@y", "@b", "a@"}) {
            assertThatThrownBy(() -> DomainReportSettings.NONE.with(null, null, bad))
                    .as(bad)
                    .hasMessageContaining("one email address");
        }
    }
}
