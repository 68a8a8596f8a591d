package org.presslab.cycling.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.presslab.cycling.CyclingFormatException;

/**
 * A delimited export read with Apache Commons CSV: the header is the first line (of the first
 * {@value #HEADER_SEARCH} lines) that a reader recognises, the delimiter the first of ',', ';' and tab with which
 * it is recognised; free text above the header (instrument banners) is skipped. Each row keeps its
 * 1-based line in the file for error messages.
 */
final class CsvTable {

    static final int HEADER_SEARCH = 50;
    private static final java.util.regex.Pattern START_LINE = java.util.regex.Pattern.compile("startline (\\d{1,9})");
    private static final char[] DELIMITERS = {',', ';', '\t'};

    final String source;
    final String[] names;
    final int headerLine;
    final char delimiter;
    private final String text;
    private final int[] lineStarts;
    private final int bodyStart;

    private CsvTable(String source, String text, int[] lineStarts, int headerIndex, char delimiter, String[] names) {
        this.source = source;
        this.text = text;
        this.lineStarts = lineStarts;
        this.headerLine = headerIndex + 1;
        this.delimiter = delimiter;
        this.names = names;
        this.bodyStart = headerIndex + 1 < lineStarts.length ? lineStarts[headerIndex + 1] : text.length();
    }

    /** Splits one line on a delimiter the CSV way (quotes honoured), or null if it is not valid CSV. */
    static String[] split(String line, char delimiter) {
        if (line.indexOf('"') < 0) { // no quoting: the CSV rules reduce to a split (and a parser per line is slow)
            String[] parts = line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
            for (int i = 0; i < parts.length; i++) {
                parts[i] = parts[i].trim();
            }
            return parts;
        }
        try (CSVParser p = CSVParser.parse(line, format(delimiter))) {
            Iterator<CSVRecord> it = p.iterator();
            return it.hasNext() ? it.next().values() : new String[0];
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return null;
        }
    }

    private static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).get();
    }

    /** The names of the first line (among the first lines) that {@code isHeader} accepts, or null; for probes. */
    static String[] findHeader(List<String> lines, Predicate<String[]> isHeader) {
        for (int i = 0; i < Math.min(HEADER_SEARCH, lines.size()); i++) {
            String[] names = bestSplit(lines.get(i));
            if (names != null && isHeader.test(names)) {
                return names;
            }
        }
        return null;
    }

    private static String[] bestSplit(String line) {
        if (line.length() > 10_000) {
            return null;
        }
        String[] best = null;
        for (char d : DELIMITERS) {
            if (line.indexOf(d) < 0) {
                continue;
            }
            String[] names = split(line, d);
            if (names != null && (best == null || names.length > best.length)) {
                best = names;
            }
        }
        return best;
    }

    /** Opens a table, or fails naming what the header must hold. */
    static CsvTable open(byte[] content, String source, Predicate<String[]> isHeader, String expected)
            throws CyclingFormatException {
        String text = Text.decode(content);
        List<String> lines = Text.lines(text);
        int[] starts = lineStarts(text);
        for (int i = 0; i < Math.min(HEADER_SEARCH, lines.size()); i++) {
            String line = lines.get(i);
            if (line.length() > 10_000) {
                continue;
            }
            for (char d : DELIMITERS) {
                if (line.indexOf(d) < 0) {
                    continue;
                }
                String[] names = split(line, d);
                if (names != null && isHeader.test(names)) {
                    return new CsvTable(source, text, starts, i, d, names);
                }
            }
        }
        throw CyclingFormatException.atLine(source, 1, "no header line with " + expected + " in the first "
                + HEADER_SEARCH + " lines");
    }

    private static int[] lineStarts(String s) {
        int[] out = new int[16];
        int n = 0;
        out[n++] = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                if (i + 1 < s.length()) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = i + 1;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The column whose name, lower-cased without blanks, is one of the given (lower-case, blank-free) names. */
    int column(String... wanted) {
        return column(names, wanted);
    }

    static int column(String[] names, String... wanted) {
        String[] keys = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            keys[i] = key(names[i]);
        }
        for (String w : wanted) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(w)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Lower case without blanks and underscores (no regular expression: called for every header candidate). */
    static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && !Character.isWhitespace(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** A data row: its values and its line. */
    record Row(String[] values, long line) {
        String get(int col) {
            return col < values.length ? values[col] : "";
        }
    }

    /** Visits the rows below the header; blank lines are skipped, a malformed CSV line is reported at its line. */
    void forEach(RowVisitor visitor) throws CyclingFormatException {
        try (CSVParser p = CSVParser.parse(new StringReader(text.substring(bodyStart)), format(delimiter))) {
            Iterator<CSVRecord> it = p.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    String m = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                    java.util.regex.Matcher start = START_LINE.matcher(m == null ? "" : m);
                    long line = headerLine + (start.find() ? Long.parseLong(start.group(1)) : p.getCurrentLineNumber());
                    throw CyclingFormatException.atLine(source, line, "malformed CSV: " + m);
                }
                long line = lineOf(bodyStart + r.getCharacterPosition());
                String[] values = r.values();
                if (values.length == 1 && values[0].isEmpty()) {
                    continue;
                }
                visitor.row(new Row(values, line));
            }
        } catch (CyclingFormatException e) {
            throw e;
        } catch (IOException e) {
            throw CyclingFormatException.atLine(source, headerLine, "malformed CSV: " + e.getMessage());
        }
    }

    private long lineOf(long charPos) {
        int i = Arrays.binarySearch(lineStarts, (int) Math.min(Integer.MAX_VALUE, charPos));
        return (i >= 0 ? i : -i - 2) + 1L;
    }

    /** What a reader does with each row. */
    interface RowVisitor {
        void row(Row row) throws CyclingFormatException;
    }

    /** Whether a header has at least these columns (lower-case, blank-free names; each entry's alternatives split by '|'). */
    static boolean has(String[] names, String... required) {
        for (String r : required) {
            if (column(names, r.split("\\|")) < 0) {
                return false;
            }
        }
        return true;
    }
}
