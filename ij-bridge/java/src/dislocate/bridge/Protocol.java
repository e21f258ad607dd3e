package dislocate.bridge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Helpers for the line protocol between the .NET host and this bridge: lines separated by '\n', fields by '\t',
 * and in every field the four escapes {@code \\ \t \n \r} (two characters each).
 */
public final class Protocol {
    private static final Pattern NUMBER =
        Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?Infinity|NaN");

    private Protocol() {
    }

    /** Splits a protocol text into lines (a trailing '\r' is dropped, empty lines are skipped). */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<String>();
        if (text == null) {
            return out;
        }
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.length() > 0) {
                out.add(line);
            }
            start = end + 1;
        }
        return out;
    }

    /** Splits one line at tabs and unescapes every field. Empty fields are kept (also trailing ones). */
    public static String[] fields(String line) {
        List<String> out = new ArrayList<String>();
        int start = 0;
        while (true) {
            int tab = line.indexOf('\t', start);
            if (tab < 0) {
                out.add(unescape(line.substring(start)));
                break;
            }
            out.add(unescape(line.substring(start, tab)));
            start = tab + 1;
        }
        return out.toArray(new String[0]);
    }

    /** Undoes the escapes {@code \\ \t \n \r}; any other backslash sequence is kept as written. */
    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(i + 1);
                switch (d) {
                    case '\\':
                        sb.append('\\');
                        i++;
                        continue;
                    case 't':
                        sb.append('\t');
                        i++;
                        continue;
                    case 'n':
                        sb.append('\n');
                        i++;
                        continue;
                    case 'r':
                        sb.append('\r');
                        i++;
                        continue;
                    default:
                        break;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The reverse of {@link #unescape}, for tests and for anything Java sends back in the same format. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    /** One protocol line: every field escaped, joined by tabs. */
    public static String join(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(escape(fields[i]));
        }
        return sb.toString();
    }

    /** True when the text is a plain decimal number ('.' separator, optional exponent), Infinity or NaN. */
    public static boolean isNumber(String s) {
        return s != null && NUMBER.matcher(s.trim()).matches() && s.trim().length() > 0;
    }

    /** Parses an int field, with the field's name in the error. */
    public static int parseInt(String s, String what) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a whole number");
        }
    }

    /** Parses a double field ('.' decimal separator), with the field's name in the error. */
    public static double parseDouble(String s, String what) {
        if (!isNumber(s)) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a number");
        }
        return Double.parseDouble(s.trim());
    }

    /** Formats a number without locale or exponent: 20 (not 20.0), 0.25, 0.00001, -3. */
    public static String formatNumber(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s;
    }

    /**
     * Decimal places needed to show {@code v} exactly as the shortest round-trip text does (0 for whole numbers),
     * or -1 when more than {@code max} would be needed.
     */
    public static int decimalsNeeded(double v, int max) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == Math.rint(v)) {
            return 0;
        }
        int scale = BigDecimal.valueOf(v).stripTrailingZeros().scale();
        if (scale < 0) {
            return 0;
        }
        return scale <= max ? scale : -1;
    }
}
