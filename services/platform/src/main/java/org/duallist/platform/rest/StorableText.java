package org.duallist.platform.rest;

import java.util.Optional;

/**
 * Text the suite can store and pass on: PostgreSQL refuses the NUL character in text, and an
 * unpaired UTF-16 surrogate is no character at all (UTF-8 cannot carry it; drivers replace or
 * refuse it). Both are refused where a request enters, with the field named, rather than failing
 * later in a database or in another service's consumer.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why the text cannot be stored, or empty when it can. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("must be valid Unicode: it holds an unpaired surrogate (U+D800 to U+DFFF)");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("must be valid Unicode: it holds an unpaired surrogate (U+D800 to U+DFFF)");
            }
        }
        return Optional.empty();
    }
}
