package org.filtermx.infrastructure.filter.rules;

/**
 * One rule that fired on a message, before it is weighted: its name ({@code [A-Z0-9_]}) and what
 * triggered it (a host, a file name, a phrase), shown in the reason's detail.
 */
public record RuleHit(String rule, String detail) {}
