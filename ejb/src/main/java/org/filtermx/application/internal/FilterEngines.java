package org.filtermx.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Scanner;

/** The scanners of this installation, in the order they run. */
@ApplicationScoped
class FilterEngines {

    private List<Scanner> scanners = List.of();

    /** Parses a message once for every scanner. */
    ParsedMessage parse(byte[] raw) {
        return new ParsedMessage(List.of(), "", "", List.of(), 0, 0, List.of());
    }

    List<Scanner> scanners() {
        return scanners;
    }

    /** Whether a scanner looks for malware (its outage falls under the virus-engine policy). */
    boolean isMalwareEngine(Scanner scanner) {
        return scanner.name().equals("clamav");
    }
}
