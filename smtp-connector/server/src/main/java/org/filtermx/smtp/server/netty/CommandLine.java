package org.filtermx.smtp.server.netty;

import org.filtermx.smtp.api.Reply;

/**
 * One framed command line: its text without CRLF, or the reply that refuses a malformed line.
 *
 * @param text the command, or {@code null} when {@code problem} is set
 * @param problem the refusal for a line that was too long or not ended by CRLF
 */
record CommandLine(String text, Reply problem) {}
