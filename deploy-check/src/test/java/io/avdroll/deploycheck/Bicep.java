package io.avdroll.deploycheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little Bicep reading the checks need, on the text (no Bicep CLI here): comments stripped, the files a
 * template loads, and the body of a {@code var} or {@code resource} block found by bracket matching.
 */
final class Bicep {

    private static final Pattern LOAD_JSON = Pattern.compile("loadJsonContent\\(\\s*'([^']+)'\\s*\\)");
    private static final Pattern STRING = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    final Path file;
    final String code;

    private Bicep(Path file, String code) {
        this.file = file;
        this.code = code;
    }

    static Bicep of(Path file) {
        return new Bicep(file, stripComments(Repo.read(file)));
    }

    /** Files loaded with loadJsonContent, resolved against the template's folder as Bicep does. */
    List<Path> loadedJsonFiles() {
        List<Path> loaded = new ArrayList<>();
        Matcher m = LOAD_JSON.matcher(code);
        while (m.find()) {
            loaded.add(file.getParent().resolve(m.group(1)).normalize());
        }
        return loaded;
    }

    /** The text between the brackets that open right after {@code var name =}. */
    Optional<String> varBody(String name) {
        Matcher m = Pattern.compile("(?m)^var\\s+" + Pattern.quote(name) + "\\s*=\\s*").matcher(code);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(bracketed(m.end()));
    }

    /** Every single-quoted string literal (interpolations left as written). */
    List<String> stringLiterals() {
        List<String> literals = new ArrayList<>();
        Matcher m = STRING.matcher(code);
        while (m.find()) {
            literals.add(m.group(1));
        }
        return literals;
    }

    private String bracketed(int from) {
        char open = code.charAt(from);
        char close = switch (open) {
            case '[' -> ']';
            case '{' -> '}';
            case '(' -> ')';
            default -> throw new IllegalStateException(file + ": expected a bracket at offset " + from + ", found '" + open + "'");
        };
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\'' && (i == 0 || code.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && c == open) {
                depth++;
            } else if (!inString && c == close && --depth == 0) {
                return code.substring(from + 1, i);
            }
        }
        throw new IllegalStateException(file + ": unbalanced '" + open + "' at offset " + from);
    }

    /** Removes // and /* *&#47; comments outside strings, keeping line breaks. */
    static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '\'') {
                    inString = false;
                }
            } else if (c == '\'') {
                inString = true;
                out.append(c);
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
