/**
 * Log lines meant for machines as well as people: one {@code org.filtermx.disposition} line per
 * message and recipient whose fate is decided ({@code DispositionLine}), in a stable key=value form
 * that log shippers and grep can parse, with every value escaped so that a hostile address or reply
 * cannot forge a line or a key.
 */
package org.filtermx.application.internal.logging;
