package org.filtermx.infrastructure.filter.bayes;

import java.util.Set;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Turns a parsed message into the set of tokens the classifier learns and judges, following
 * SpamBayes and bogofilter: header tokens, the words and word pairs of the plain text and of the
 * HTML as shown, how the HTML was built, the hosts it links to, and the attachments' types and file
 * name extensions, the MIME structure (part count, types, charsets, the Unicode script of the text)
 * and mail that is only images or only attachments. Tokens are distinct and capped per message
 * (default {@value #DEFAULT_MAX_TOKENS}), so the work per message is bounded whatever it holds.
 *
 * <p>The tokens are chosen to generalize, to be about spam and ham rather than about the site that
 * gathered the training mail: see {@link HeaderTokens}, {@link WordTokens}, {@link UrlTokens} and
 * {@link HtmlText} for what each leaves out and folds together.
 *
 * <p>Changing the tokens changes what a trained store means: after an upgrade that changes the
 * tokenizer (as the one of issue 12 did) the operator retrains from scratch, since the old store's
 * token strings are no longer produced and its evidence no longer applies (see {@code
 * docs/operator-guide.md}).
 */
public final class Tokenizer {

    public static final int DEFAULT_MAX_TOKENS = 3000;

    /** Characters of an attachment's file name read for words (Windows allows 255). */
    private static final int MAX_NAME = 255;

    /** Letters of text below which a message with attachments is "attachments only". */
    static final int LITTLE_TEXT = 50;

    private final int maxTokens;

    public Tokenizer() {
        this(DEFAULT_MAX_TOKENS);
    }

    public Tokenizer(int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
        this.maxTokens = maxTokens;
    }

    /** The message's distinct tokens, at most the configured number. */
    public Set<String> tokenize(ParsedMessage message) {
        TokenSet sink = new TokenSet(maxTokens);
        HeaderTokens.add(sink, message);
        structure(sink, message);
        attachments(sink, message);
        String text = message.textBody();
        // Plain text that carries markup is read as HTML, so its words are not glued to tags.
        String shown = HtmlText.looksLikeHtml(text) ? HtmlText.read(text, sink) : text;
        WordTokens.add(sink, "", shown);
        String shownHtml = "";
        if (!message.htmlBody().isEmpty()) {
            if (message.textBody().isBlank()) {
                sink.add("html:only");
            }
            shownHtml = HtmlText.read(message.htmlBody(), sink);
            WordTokens.add(sink, "", shownHtml);
        }
        if (message.textBody().isBlank() && message.htmlBody().isBlank()) {
            sink.add("body:empty");
        }
        int letters = TextScript.add(sink, shown, shownHtml);
        if (!message.attachments().isEmpty() && letters < LITTLE_TEXT) {
            boolean images =
                    message.attachments().stream()
                            .allMatch(
                                    a ->
                                            LowerCase.of(a.contentType().strip())
                                                    .startsWith("image/"));
            sink.add(images ? "body:images-only" : "body:attachments-only");
        }
        return sink.toSet();
    }

    private static void structure(TokenSet sink, ParsedMessage message) {
        sink.add("mime:parts:" + Math.min(message.partCount(), 10));
        for (String problem : message.problems()) {
            sink.add("mime:" + LowerCase.of(problem));
        }
    }

    /** The file name with dots, underscores and hyphens read as spaces, capped. */
    private static String nameWords(String name) {
        int end = Math.min(name.length(), MAX_NAME);
        StringBuilder words = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            words.append(c == '.' || c == '_' || c == '-' ? ' ' : c);
        }
        return words.toString();
    }

    private static void attachments(TokenSet sink, ParsedMessage message) {
        for (Attachment a : message.attachments()) {
            ContentTypeTokens.add(sink, "attach:type", a.contentType());
            String name = LowerCase.of(a.filename()).strip();
            int dot = name.lastIndexOf('.');
            if (dot >= 0 && name.length() - dot <= 10) {
                sink.add("attach:ext:" + name.substring(dot + 1));
            }
            WordTokens.add(sink, "attach:name:", nameWords(name));
        }
    }
}
