package org.filtermx.infrastructure.filter.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The wording of pressure to pay or act: phrases about money and phrases about urgency, looked for
 * as whole words in the decoded text (capped). Either kind alone is ordinary business mail; several
 * money phrases together with urgency is the shape of advance-fee fraud, fake invoices and
 * account-suspension phishing. Each phrase is one {@code indexOf} pass over the capped text.
 */
final class Phrases {

    /** Characters of decoded text searched. */
    static final int MAX_TEXT = 64 * 1024;

    static final List<String> MONEY =
            List.of(
                    "wire transfer",
                    "bank transfer",
                    "bank account",
                    "account number",
                    "credit card",
                    "bitcoin",
                    "btc wallet",
                    "western union",
                    "moneygram",
                    "million dollars",
                    "million usd",
                    "us$",
                    "usd",
                    "lottery",
                    "you have won",
                    "winner",
                    "prize",
                    "inheritance",
                    "beneficiary",
                    "next of kin",
                    "claim your",
                    "refund",
                    "unpaid invoice",
                    "outstanding payment",
                    "payment details",
                    "billing information",
                    "cash",
                    "investment",
                    "profit",
                    "guaranteed income",
                    "no credit check",
                    "loan",
                    "mortgage",
                    "debt",
                    "earn money",
                    "make money",
                    "$$$");

    static final List<String> URGENCY =
            List.of(
                    "urgent",
                    "urgently",
                    "immediately",
                    "within 24 hours",
                    "within 48 hours",
                    "act now",
                    "act fast",
                    "expires today",
                    "expire soon",
                    "limited time",
                    "last chance",
                    "final notice",
                    "final warning",
                    "last warning",
                    "suspended",
                    "will be closed",
                    "will be terminated",
                    "verify your account",
                    "confirm your identity",
                    "confirm your account",
                    "update your payment",
                    "don't delay",
                    "do not delay",
                    "respond now",
                    "order now",
                    "call now",
                    "click here now",
                    "once in a lifetime",
                    "while supplies last",
                    "offer expires",
                    "don't miss",
                    "hurry");

    private Phrases() {}

    /** The distinct phrases of {@code list} found in {@code lowerText} as whole words. */
    static List<String> found(String lowerText, List<String> list) {
        List<String> found = new ArrayList<>();
        for (String phrase : list) {
            if (Brands.containsWord(lowerText, phrase)) {
                found.add(phrase);
            }
        }
        return found;
    }

    static String lower(String text) {
        return AsciiCase.lower(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
    }
}
