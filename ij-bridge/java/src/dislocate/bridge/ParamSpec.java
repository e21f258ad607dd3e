package dislocate.bridge;

/**
 * One command parameter as described by the .NET host (a {@code P} line of {@code NativeBridge.describe()}):
 * {@code P <key> <label> <kind> <default> <min> <max> <choices|...> <required 0|1> <help>}.
 */
public final class ParamSpec {
    /** The parameter kinds, as spelled in the protocol. */
    public static final String WHOLE = "whole";
    public static final String REAL = "real";
    public static final String BOOLEAN = "boolean";
    public static final String TEXT = "text";
    public static final String CHOICE = "choice";
    public static final String RANGE = "range";
    public static final String INPUT_FILE = "inputfile";
    public static final String INPUT_FOLDER = "inputfolder";
    public static final String OUTPUT_FILE = "outputfile";
    public static final String OUTPUT_FOLDER = "outputfolder";
    public static final String IMAGE = "image";

    public final String key;
    public final String label;
    /** Lower-case kind, one of the constants above (an unknown kind is kept as written and treated like text). */
    public final String kind;
    /** Default as text, or null when none. */
    public final String defaultValue;
    /** Lower bound, or null when none. */
    public final Double min;
    /** Upper bound, or null when none. */
    public final Double max;
    /** Choices (never null; empty when none). */
    public final String[] choices;
    public final boolean required;
    public final String help;

    public ParamSpec(String key, String label, String kind, String defaultValue, Double min, Double max,
            String[] choices, boolean required, String help) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.choices = choices == null ? new String[0] : choices;
        this.required = required;
        this.help = help == null ? "" : help;
    }

    /** Parses the fields of a {@code P} line (fields[0] is "P"); missing trailing fields count as empty. */
    static ParamSpec fromFields(String[] f, int lineNumber) {
        if (f.length < 4) {
            throw new IllegalArgumentException("describe line " + lineNumber + ": a P line needs at least key, label and kind");
        }
        String key = f[1].trim();
        if (key.length() == 0) {
            throw new IllegalArgumentException("describe line " + lineNumber + ": parameter without key");
        }
        String label = f[2].length() == 0 ? key : f[2];
        String kind = f[3].trim().toLowerCase(java.util.Locale.ROOT);
        String def = field(f, 4);
        String min = field(f, 5);
        String max = field(f, 6);
        String choices = field(f, 7);
        String required = field(f, 8);
        String help = field(f, 9);
        return new ParamSpec(
            key,
            label,
            kind,
            def.length() == 0 ? null : def,
            bound(min, key, lineNumber),
            bound(max, key, lineNumber),
            choices.length() == 0 ? new String[0] : choices.split("\\|", -1),
            required.trim().equals("1") || required.trim().equalsIgnoreCase("true"),
            help);
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i] : "";
    }

    private static Double bound(String s, String key, int lineNumber) {
        if (s.trim().length() == 0) {
            return null;
        }
        if (!Protocol.isNumber(s)) {
            throw new IllegalArgumentException("describe line " + lineNumber + ": parameter '" + key + "': bound '" + s + "' is not a number");
        }
        return Double.valueOf(s.trim());
    }

    public boolean isImage() {
        return IMAGE.equals(kind);
    }

    public boolean isNumber() {
        return WHOLE.equals(kind) || REAL.equals(kind);
    }

    public boolean isPath() {
        return INPUT_FILE.equals(kind) || INPUT_FOLDER.equals(kind) || OUTPUT_FILE.equals(kind) || OUTPUT_FOLDER.equals(kind);
    }

    /** The boolean default (false when none or not "true"). */
    public boolean defaultBoolean() {
        return defaultValue != null && (defaultValue.trim().equalsIgnoreCase("true") || defaultValue.trim().equals("1"));
    }

    @Override
    public String toString() {
        return key + " (" + kind + ")";
    }
}
