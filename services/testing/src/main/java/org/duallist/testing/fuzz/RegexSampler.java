package org.duallist.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Draws a string that a schema's {@code pattern} accepts, for the simple patterns Bean Validation
 * constraints produce (literals, alternatives, groups, classes, {@code \d}, quantifiers). A
 * pattern beyond that, or a draw the pattern then refuses, yields nothing, and the caller uses an
 * example instead.
 */
final class RegexSampler {

    private sealed interface Node permits Literal, CharClass, Alternatives, Repeat, Sequence {
    }

    private record Literal(char c) implements Node {
    }

    private record CharClass(List<char[]> ranges) implements Node {
    }

    private record Alternatives(List<Node> options) implements Node {
    }

    private record Repeat(Node node, int min, int max) implements Node {
    }

    private record Sequence(List<Node> nodes) implements Node {
    }

    private static final int UNBOUNDED_EXTRA = 3;

    private final String pattern;
    private int position;

    private RegexSampler(String pattern) {
        this.pattern = pattern;
    }

    static Optional<String> sample(String pattern, SplittableRandom random) {
        try {
            Pattern compiled = Pattern.compile(pattern);
            RegexSampler parser = new RegexSampler(pattern);
            Node root = parser.alternatives();
            if (parser.position != pattern.length()) {
                return Optional.empty();
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                StringBuilder out = new StringBuilder();
                generate(root, random, out);
                if (compiled.matcher(out).matches()) {
                    return Optional.of(out.toString());
                }
            }
            return Optional.empty();
        } catch (PatternSyntaxException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static void generate(Node node, SplittableRandom random, StringBuilder out) {
        if (node instanceof Literal literal) {
            out.append(literal.c());
        } else if (node instanceof CharClass charClass) {
            char[] range = charClass.ranges().get(random.nextInt(charClass.ranges().size()));
            out.append((char) (range[0] + random.nextInt(range[1] - range[0] + 1)));
        } else if (node instanceof Alternatives alternatives) {
            generate(alternatives.options().get(random.nextInt(alternatives.options().size())), random, out);
        } else if (node instanceof Repeat repeat) {
            int times = repeat.min() + random.nextInt(repeat.max() - repeat.min() + 1);
            for (int i = 0; i < times; i++) {
                generate(repeat.node(), random, out);
            }
        } else if (node instanceof Sequence sequence) {
            sequence.nodes().forEach(n -> generate(n, random, out));
        }
    }

    private Node alternatives() {
        List<Node> options = new ArrayList<>();
        options.add(sequence());
        while (peek() == '|') {
            position++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.get(0) : new Alternatives(options);
    }

    private Node sequence() {
        List<Node> nodes = new ArrayList<>();
        while (position < pattern.length() && peek() != '|' && peek() != ')') {
            Node atom = atom();
            if (atom != null) {
                nodes.add(quantified(atom));
            }
        }
        return new Sequence(nodes);
    }

    private Node atom() {
        char c = pattern.charAt(position++);
        return switch (c) {
            case '^', '$' -> null;
            case '(' -> {
                if (peek() == '?') {
                    position++;
                    if (peek() == ':') {
                        position++;
                    } else {
                        // inline flags such as (?i) or (?s): the sampler draws as written, which they accept
                        while (position < pattern.length() && pattern.charAt(position) != ')') {
                            position++;
                        }
                        position++;
                        yield null;
                    }
                }
                Node inner = alternatives();
                expect(')');
                yield inner;
            }
            case '[' -> charClass();
            case '.' -> new CharClass(List.of(new char[] {'a', 'z'}));
            case '\\' -> escape(pattern.charAt(position++));
            default -> new Literal(c);
        };
    }

    private Node escape(char c) {
        return switch (c) {
            case 'd' -> new CharClass(List.of(new char[] {'0', '9'}));
            case 'w' -> new CharClass(List.of(new char[] {'a', 'z'}, new char[] {'A', 'Z'}, new char[] {'0', '9'}));
            case 's' -> new Literal(' ');
            case 'S' -> new CharClass(List.of(new char[] {'a', 'z'}, new char[] {'\u4e00', '\u4e2f'}));
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw new IllegalStateException("escape \\" + c + " is not sampled");
                }
                yield new Literal(c);
            }
        };
    }

    private Node charClass() {
        if (peek() == '^') {
            throw new IllegalStateException("negated classes are not sampled");
        }
        List<char[]> ranges = new ArrayList<>();
        while (peek() != ']') {
            char from = pattern.charAt(position++);
            if (from == '\\') {
                Node escaped = escape(pattern.charAt(position++));
                if (escaped instanceof CharClass cls) {
                    ranges.addAll(cls.ranges());
                    continue;
                }
                from = ((Literal) escaped).c();
            }
            char to = from;
            if (peek() == '-' && position + 1 < pattern.length() && pattern.charAt(position + 1) != ']') {
                position++;
                to = pattern.charAt(position++);
            }
            ranges.add(new char[] {from, to});
        }
        position++;
        return new CharClass(ranges);
    }

    private Node quantified(Node atom) {
        if (position >= pattern.length()) {
            return atom;
        }
        char c = peek();
        Node result = switch (c) {
            case '?' -> new Repeat(atom, 0, 1);
            case '*' -> new Repeat(atom, 0, UNBOUNDED_EXTRA);
            case '+' -> new Repeat(atom, 1, 1 + UNBOUNDED_EXTRA);
            case '{' -> {
                int close = pattern.indexOf('}', position);
                String[] bounds = pattern.substring(position + 1, close).split(",", -1);
                int min = Integer.parseInt(bounds[0].trim());
                int max = bounds.length == 1 ? min
                        : bounds[1].isBlank() ? min + UNBOUNDED_EXTRA : Integer.parseInt(bounds[1].trim());
                position = close;
                yield new Repeat(atom, min, max);
            }
            default -> null;
        };
        if (result == null) {
            return atom;
        }
        position++;
        if (position < pattern.length() && (peek() == '?' || peek() == '+')) {
            position++; // lazy and possessive forms draw the same strings
        }
        return result;
    }

    private char peek() {
        if (position >= pattern.length()) {
            return '\0';
        }
        return pattern.charAt(position);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalStateException("expected " + c + " at " + position + " in " + pattern);
        }
        position++;
    }
}
