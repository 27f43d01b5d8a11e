package org.duallist.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request as it goes on the wire, with what it tries ({@link Attack} and a detail), and its
 * printable form for the report of a failure.
 */
public record FuzzRequest(ApiOperation operation, Attack attack, String detail, String method, byte[] target,
                          Map<String, byte[]> headers, byte[] body) {

    private static final int SHOWN = 600;

    /** Method, target, headers and (the start of) the body, with non-printable bytes as \xNN. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("[").append(attack).append(": ").append(detail).append("]\n");
        text.append(method).append(' ').append(printable(target, 2000)).append('\n');
        headers.forEach((name, value) -> text.append(name).append(": ")
                .append(name.equalsIgnoreCase("Authorization") ? printable(value, 40) + "…" : printable(value, 300))
                .append('\n'));
        if (body != null) {
            text.append("(").append(body.length).append(" bytes) ").append(printable(body, SHOWN));
        }
        return text.toString();
    }

    static String printable(byte[] bytes, int limit) {
        String decoded = new String(bytes, 0, Math.min(bytes.length, limit * 4), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < decoded.length() && shown < limit; i++, shown++) {
            char c = decoded.charAt(i);
            if (c == '\uFFFD' || c < 0x20 || c == 0x7F || Character.isSurrogate(c) && !validPair(decoded, i)) {
                out.append(String.format("\\x%02X", (int) c & 0xFFFF));
            } else {
                out.append(c);
            }
        }
        if (bytes.length > limit) {
            out.append("… (").append(bytes.length).append(" bytes in all)");
        }
        return out.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
