package dislocate.bridge;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.macro.Interpreter;
import ij.measure.Calibration;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;

/**
 * The one ImageJ command class for every .NET command; ImageJ's command table maps each label to
 * {@code dislocate.bridge.Dislocate_Command("<key>")}, so {@link #run} receives the command key.
 *
 * <p>Options come from the macro ({@code Macro.getOptions()}, passed to .NET unchanged) or from a GenericDialog
 * built from the parameter descriptions (which records each field for the macro recorder). The command runs in
 * .NET on this thread; its outputs become images, ROIs, tables and log lines.
 */
public class Dislocate_Command implements PlugIn {
    /** Longest help line in the dialog before wrapping. */
    private static final int WRAP = 72;
    /** Dialog pages with more fields than this put two fields per row. */
    private static final int TWO_COLUMNS_ABOVE = 14;
    /** Most fields on one dialog page (two per row): 36 with the help text measured 669 px, within a 768-px-high screen. */
    private static final int FIELDS_PER_PAGE = 36;
    /** Text field widths (columns): GenericDialog gives fields of at most 8 columns one grid cell. */
    private static final int WIDE_TEXT = 16;
    private static final int NARROW_TEXT = 8;

    /** DISLOCATE_BRIDGE_TIMING=1 prints where the time of each command goes on the Java side (for benchmarks). */
    private static final boolean TIMING = "1".equals(System.getenv("DISLOCATE_BRIDGE_TIMING"));

    @Override
    public void run(String arg) {
        long t0 = System.nanoTime();
        try {
            runTimed(arg, t0);
        } finally {
            if (TIMING) {
                System.err.println("java: whole command " + (System.nanoTime() - t0) / 1000000 + " ms");
            }
        }
    }

    private void runTimed(String arg, long t0) {
        String key = arg == null ? "" : arg.trim();
        String label = key;
        long handle = 0;
        Backend backend = null;
        try {
            CommandSpec spec = Registry.byKey(key);
            if (spec == null) {
                fail("Dislocate: unknown command '" + key + "'");
                return;
            }
            label = spec.label;
            ImagePlus input = null;
            if (spec.imageParam() != null) {
                input = WindowManager.getCurrentImage();
                if (input == null) {
                    fail(label + ": no image open");
                    return;
                }
                String problem = unsupportedType(input);
                if (problem != null) {
                    fail(label + ": " + problem);
                    return;
                }
            }
            String options = Macro.getOptions();
            if (options == null) {
                if (GraphicsEnvironment.isHeadless()) {
                    options = defaultOptions(spec);
                } else {
                    options = dialog(spec);
                    if (options == null) {
                        return; // cancelled
                    }
                }
            }
            if (TIMING) {
                System.err.println("java: before native " + (System.nanoTime() - t0) / 1000000 + " ms");
            }
            backend = Backend.get();
            if (input != null) {
                Calibration cal = input.getCalibration();
                handle = backend.run(spec.key, options, input.getTitle(), input.getWidth(), input.getHeight(),
                    input.getNChannels(), input.getNSlices(), input.getNFrames(), input.getBitDepth(),
                    cal.pixelWidth, cal.pixelHeight, cal.frameInterval, cal.getUnit(), planes(input));
            } else {
                handle = backend.run(spec.key, options, null, 0, 0, 0, 0, 0, 0, 1.0, 1.0, 0.0, null, null);
            }
            if (TIMING) {
                System.err.println("java: after native " + (System.nanoTime() - t0) / 1000000 + " ms");
            }
            if (handle == 0) {
                fail(label + ": the .NET host returned no result");
                return;
            }
            Result result = Result.parse(backend.result(handle));
            if (result.error != null) {
                fail(result.error);
                return;
            }
            // Declared by the commands that return lines (RoiParameters in the contract); absent means unchecked.
            boolean overlays = spec.param(OVERLAYS_KEY) != null && hasFlag(options, OVERLAYS_KEY);
            boolean keep = spec.param(KEEP_KEY) != null && hasFlag(options, KEEP_KEY);
            Outputs.show(backend, handle, result, input, !overlays, !keep);
            if (spec.param(MODEL_KEY) != null) {
                // Remembered for the next dialog; an empty value (the shipped default) is remembered too.
                ij.Prefs.set(MODEL_PREF, Macro.getValue(options, MODEL_KEY, ""));
            }
        } catch (UnsatisfiedLinkError e) {
            fail(label + ": the Dislocate .NET host is not loaded in this ImageJ (" + e.getMessage() + ")");
        } catch (OutOfMemoryError e) {
            fail(label + ": out of memory in Java (" + e.getMessage() + "); increase ImageJ's memory (Edit>Options>Memory)");
        } catch (Throwable t) {
            fail(label + ": " + describe(t));
        } finally {
            if (handle != 0 && backend != null) {
                try {
                    backend.release(handle);
                } catch (Throwable ignored) {
                    // the result is lost either way
                }
            }
            NativeBridge.cancelRequested = false;
            try {
                IJ.showProgress(1.0);
            } catch (Throwable ignored) {
                // nothing to hide
            }
        }
    }

    /** Null when the image is 8, 16 or 32-bit grayscale, else a message naming its type. */
    static String unsupportedType(ImagePlus imp) {
        switch (imp.getType()) {
            case ImagePlus.GRAY8:
            case ImagePlus.GRAY16:
            case ImagePlus.GRAY32:
                return null;
            case ImagePlus.COLOR_RGB:
                return "'" + imp.getTitle() + "' is an RGB color image; convert it to 8, 16 or 32-bit grayscale (Image>Type)";
            case ImagePlus.COLOR_256:
                return "'" + imp.getTitle() + "' is an 8-bit color (indexed) image; convert it to 8, 16 or 32-bit grayscale (Image>Type)";
            default:
                return "'" + imp.getTitle() + "' has an unsupported image type (" + imp.getType() + "); 8, 16 or 32-bit grayscale only";
        }
    }

    /**
     * The whole stack as float[] planes in ImageJ stack order (channel fastest, then slice, then frame).
     * 8 and 16-bit values are converted as they are (no value calibration). 32-bit planes are the image's own
     * arrays (not copied): the host only reads them.
     */
    static Object[] planes(ImagePlus imp) {
        ImageStack stack = imp.getStack();
        int n = stack.getSize();
        int size = imp.getWidth() * imp.getHeight();
        Object[] planes = new Object[n];
        for (int i = 0; i < n; i++) {
            Object pixels = stack.isVirtual() ? stack.getProcessor(i + 1).getPixels() : stack.getPixels(i + 1);
            planes[i] = toFloat(pixels, size);
        }
        return planes;
    }

    static float[] toFloat(Object pixels, int size) {
        if (pixels instanceof float[]) {
            return (float[]) pixels;
        }
        float[] f = new float[size];
        if (pixels instanceof byte[]) {
            byte[] b = (byte[]) pixels;
            for (int i = 0; i < size; i++) {
                f[i] = b[i] & 0xff;
            }
        } else if (pixels instanceof short[]) {
            short[] s = (short[]) pixels;
            for (int i = 0; i < size; i++) {
                f[i] = s[i] & 0xffff;
            }
        } else {
            throw new IllegalArgumentException("unsupported pixel type " + (pixels == null ? "null" : pixels.getClass().getSimpleName()));
        }
        return f;
    }

    // ------------------------------------------------------------------ options

    /**
     * Shows the parameter dialog and returns the option string built from it, or null when cancelled. The macro
     * recorder gets every field under its key, recorded here: GenericDialog would record it under the first word of
     * its label, and labels are words for microscopists, not keys. As GenericDialog does, text fields are recorded
     * even when empty ({@code model=[]}) and checkboxes only when ticked.
     */
    static String dialog(CommandSpec spec) {
        List<List<ParamSpec>> pages = pages(spec);
        if (pages.isEmpty()) {
            return ""; // nothing to ask, like ImageJ's own commands without options
        }
        List<String[]> fields = new ArrayList<String[]>();
        boolean recording = Recorder.record;
        try {
            Recorder.record = false;
            for (int i = 0; i < pages.size(); i++) {
                GenericDialog gd = buildDialog(spec, pages, i);
                gd.showDialog();
                if (gd.wasCanceled()) {
                    return null;
                }
                fields.addAll(fields(pages.get(i), gd));
            }
        } finally {
            Recorder.record = recording;
        }
        StringBuilder options = new StringBuilder();
        for (String[] field : fields) {
            if (field[1] == null) {
                appendFlag(options, field[0]);
                if (recording) {
                    Recorder.recordOption(field[0]);
                }
            } else {
                appendOption(options, field[0], field[1]); // an empty text is left out: the host uses the default
                if (recording) {
                    Recorder.recordOption(field[0], field[1].length() == 0 ? "[]" : field[1]);
                }
            }
        }
        return options.toString();
    }

    /**
     * The dialog fields (every parameter but the image) in pages of at most {@link #FIELDS_PER_PAGE}, so that each
     * dialog fits a 768-px-high screen (ImageJ 1.53's dialogs do not scroll): the generator's 50 settings measured 869
     * px in one dialog. The pages are shown one after another and record into one macro call, as a single dialog would.
     */
    static List<List<ParamSpec>> pages(CommandSpec spec) {
        List<ParamSpec> fields = new ArrayList<ParamSpec>();
        for (ParamSpec p : spec.params) {
            if (!p.isImage()) {
                fields.add(p);
            }
        }
        List<List<ParamSpec>> pages = new ArrayList<List<ParamSpec>>();
        int count = (fields.size() + FIELDS_PER_PAGE - 1) / FIELDS_PER_PAGE;
        for (int i = 0; i < count; i++) {
            // Even pages (25 + 25, not 36 + 14), so no page is much taller than the others.
            int from = i * fields.size() / count;
            int to = (i + 1) * fields.size() / count;
            pages.add(new ArrayList<ParamSpec>(fields.subList(from, to)));
        }
        return pages;
    }

    /**
     * Page {@code index} of the command's parameter dialog, built but not shown; the tests measure every page on a
     * 1024×768 screen. The command's help goes on the first page; the Help button is on every page.
     */
    static GenericDialog buildDialog(CommandSpec spec, List<List<ParamSpec>> pages, int index) {
        List<ParamSpec> page = pages.get(index);
        String title = pages.size() == 1 ? spec.label : spec.label + " (" + (index + 1) + " of " + pages.size() + ")";
        GenericDialog gd = new GenericDialog(title);
        // Long pages get two fields per row. A text field wider than 8 columns takes the rest of its row (the next
        // field on that row would be hidden), so text fields are 8 columns wide then; path fields (with their Browse
        // button) stay alone on their row.
        boolean twoColumns = page.size() > TWO_COLUMNS_ABOVE;
        boolean rowOpen = false;
        for (ParamSpec p : page) {
            if (twoColumns && rowOpen && !p.isPath()) {
                gd.addToSameRow();
                rowOpen = false;
            } else {
                rowOpen = !p.isPath();
            }
            addField(gd, p, twoColumns ? NARROW_TEXT : WIDE_TEXT);
        }
        if (index == 0 && spec.help.length() > 0) {
            gd.addMessage(wrap(spec.help, twoColumns ? 2 * WRAP : WRAP));
        }
        String html = helpHtml(spec);
        if (html != null) {
            gd.addHelp(html);
        }
        return gd;
    }

    /**
     * The fields of a dialog page the user closed with OK, in the order of its parameters: {key, text}, with text null
     * for a ticked checkbox; unticked checkboxes and empty number fields are left out.
     */
    private static List<String[]> fields(List<ParamSpec> page, GenericDialog gd) {
        List<String[]> fields = new ArrayList<String[]>();
        java.util.Vector<?> numericFields = gd.getNumericFields();
        int numericIndex = 0;
        for (ParamSpec p : page) {
            if (ParamSpec.BOOLEAN.equals(p.kind)) {
                if (gd.getNextBoolean()) {
                    fields.add(new String[] {p.key, null});
                }
            } else if (p.isNumber() && usesNumericField(p)) {
                Object field = numericFields != null && numericIndex < numericFields.size() ? numericFields.get(numericIndex) : null;
                numericIndex++;
                String typed = field instanceof java.awt.TextField ? ((java.awt.TextField) field).getText().trim() : null;
                double v = gd.getNextNumber();
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    String text = ParamSpec.WHOLE.equals(p.kind) && v == Math.rint(v) && Math.abs(v) < 9e15
                        ? Long.toString((long) v) : Protocol.formatNumber(v);
                    fields.add(new String[] {p.key, text});
                } else if (typed != null && typed.length() > 0) {
                    throw new IllegalArgumentException("'" + p.label + "': '" + typed + "' is not a number");
                } // an empty field is left out: the host then uses the default or reports a required value
            } else {
                String text = ParamSpec.CHOICE.equals(p.kind) && p.choices.length > 0 ? gd.getNextChoice() : gd.getNextString();
                fields.add(new String[] {p.key, text});
            }
        }
        return fields;
    }

    /** Whether a number parameter gets a numeric field (true unless its default is not a number). */
    private static boolean usesNumericField(ParamSpec p) {
        return p.defaultValue == null || Protocol.isNumber(p.defaultValue);
    }

    private static void addField(GenericDialog gd, ParamSpec p, int textColumns) {
        String label = dialogLabel(p);
        String def = p.defaultValue == null ? "" : p.defaultValue;
        if (p.isImage()) {
            return;
        }
        if (ParamSpec.WHOLE.equals(p.kind) && usesNumericField(p)) {
            gd.addNumericField(label, p.defaultValue == null ? Double.NaN : Double.parseDouble(def.trim()), 0);
        } else if (ParamSpec.REAL.equals(p.kind) && usesNumericField(p)) {
            double v = p.defaultValue == null ? Double.NaN : Double.parseDouble(def.trim());
            int digits = Protocol.decimalsNeeded(v, 6);
            gd.addNumericField(label, v, digits < 0 ? -3 : digits);
        } else if (ParamSpec.BOOLEAN.equals(p.kind)) {
            gd.addCheckbox(label, p.defaultBoolean());
        } else if (ParamSpec.CHOICE.equals(p.kind) && p.choices.length > 0) {
            String selected = p.choices[0];
            for (String c : p.choices) {
                if (c.equalsIgnoreCase(def)) {
                    selected = c;
                }
            }
            gd.addChoice(label, p.choices, selected);
        } else if (ParamSpec.INPUT_FILE.equals(p.kind) || ParamSpec.OUTPUT_FILE.equals(p.kind)) {
            if (MODEL_KEY.equals(p.key) && ParamSpec.INPUT_FILE.equals(p.kind)) {
                def = lastModel(def);
            }
            try {
                gd.addFileField(label, def, 24); // ImageJ 1.53d and later
            } catch (NoSuchMethodError old) {
                gd.addStringField(label, def, 24);
            }
        } else if (ParamSpec.INPUT_FOLDER.equals(p.kind) || ParamSpec.OUTPUT_FOLDER.equals(p.kind)) {
            try {
                gd.addDirectoryField(label, def, 24); // ImageJ 1.53d and later
            } catch (NoSuchMethodError old) {
                gd.addStringField(label, def, 24);
            }
        } else {
            gd.addStringField(label, def, textColumns); // text, range, and anything unknown
        }
    }

    /** The key of the model parameters and the ImageJ preference that remembers the last model used. */
    static final String MODEL_KEY = "model";
    static final String MODEL_PREF = "dislocate.model";

    /** The keys of the ROI display boxes (RoiParameters in the contract): lines not in the ROI Manager; earlier lines kept. */
    static final String OVERLAYS_KEY = "overlays";
    static final String KEEP_KEY = "keep";

    /** The model a successful command used last (ImageJ Prefs), while its file exists; else {@code fallback} (empty = the shipped default). */
    static String lastModel(String fallback) {
        String last = ij.Prefs.get(MODEL_PREF, "");
        return last.length() > 0 && new java.io.File(last).isFile() ? last : fallback;
    }

    /** The dialog label: the parameter's label (the recorder gets the key, see {@link #dialog}); the key when it has none. */
    static String dialogLabel(ParamSpec p) {
        String label = p.label.trim();
        return label.length() > 0 ? label : p.key;
    }

    /**
     * The option string of the parameters' defaults, used where no dialog can be shown (headless ImageJ with
     * {@code run("Label")} and no options): flags whose default is true, and every other default.
     */
    static String defaultOptions(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        for (ParamSpec p : spec.params) {
            if (p.isImage()) {
                continue;
            }
            if (ParamSpec.BOOLEAN.equals(p.kind)) {
                if (p.defaultBoolean()) {
                    appendFlag(sb, p.key);
                }
            } else if (p.defaultValue != null) {
                appendOption(sb, p.key, p.defaultValue);
            }
        }
        return sb.toString();
    }

    /**
     * Appends {@code key=value}, bracketed when the value has white space or starts with '['. An empty value is
     * left out altogether (the parameter then takes its default, or .NET reports it as required): the host rejects
     * {@code key=[]} for every kind.
     */
    static void appendOption(StringBuilder sb, String key, String value) {
        if (value == null || value.trim().length() == 0) {
            return;
        }
        boolean brackets = value.startsWith("[");
        for (int i = 0; i < value.length() && !brackets; i++) {
            brackets = Character.isWhitespace(value.charAt(i));
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(key).append('=');
        if (brackets) {
            sb.append('[').append(value).append(']');
        } else {
            sb.append(value);
        }
    }

    /**
     * True when {@code key} stands alone in an option string (a checked box), as ImageJ's GenericDialog reads it:
     * a whole word outside brackets, not the start of {@code key=value}.
     */
    static boolean hasFlag(String options, String key) {
        if (options == null) {
            return false;
        }
        int i = 0;
        int n = options.length();
        while (i < n) {
            while (i < n && options.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && options.charAt(i) != ' ' && options.charAt(i) != '=') {
                i++;
            }
            String word = options.substring(start, i);
            if (i < n && options.charAt(i) == '=') {
                i++;
                if (i < n && options.charAt(i) == '[') {
                    int close = options.indexOf(']', i);
                    i = close < 0 ? n : close + 1;
                } else {
                    while (i < n && options.charAt(i) != ' ') {
                        i++;
                    }
                }
            } else if (word.equals(key)) {
                return true;
            }
        }
        return false;
    }

    static void appendFlag(StringBuilder sb, String key) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(key);
    }

    /** Wraps text at spaces so no line is much longer than {@code width}. */
    static String wrap(String text, int width) {
        StringBuilder sb = new StringBuilder();
        for (String para : text.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            int lineLength = 0;
            for (String word : para.split(" ")) {
                if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                    sb.append('\n');
                    lineLength = 0;
                } else if (lineLength > 0) {
                    sb.append(' ');
                    lineLength++;
                }
                sb.append(word);
                lineLength += word.length();
            }
        }
        return sb.toString();
    }

    /** HTML help for the dialog's Help button: the command help and one line per parameter; null when empty. */
    static String helpHtml(CommandSpec spec) {
        StringBuilder sb = new StringBuilder("<html><body><h3>").append(html(spec.label)).append("</h3>");
        if (spec.help.length() > 0) {
            sb.append("<p>").append(html(spec.help)).append("</p>");
        }
        boolean any = spec.help.length() > 0;
        sb.append("<table>");
        for (ParamSpec p : spec.params) {
            if (p.isImage() || p.help.length() == 0) {
                continue;
            }
            any = true;
            sb.append("<tr><td valign=top><b>").append(html(dialogLabel(p))).append("</b><br><code>").append(html(p.key))
                .append("=</code></td><td>").append(html(p.help));
            if (p.min != null || p.max != null) {
                sb.append(" (").append(p.min == null ? "" : Protocol.formatNumber(p.min)).append("..")
                    .append(p.max == null ? "" : Protocol.formatNumber(p.max)).append(')');
            }
            sb.append("</td></tr>");
        }
        sb.append("</table></body></html>");
        return any ? sb.toString() : null;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ------------------------------------------------------------------ errors

    /**
     * Reports an error: inside a running macro, aborts it with the message (with setIgnoreErrors(true) the
     * message becomes the interpreter's getErrorMessage()); otherwise shows IJ.error (headless: IJ.log).
     * "Inside a macro" means a macro interpreter exists and this thread came through {@code IJ.run} (which names
     * it "Run$_..."), so a menu click does not abort a macro that happens to run on another thread.
     */
    static void fail(String message) {
        fail(message, ImageJInternals.isMacroThread(Thread.currentThread().getName()));
    }

    /** As {@link #fail(String)}; {@code inMacro}: this thread runs a macro (or a command a macro called). */
    static void fail(String message, boolean inMacro) {
        if (message == null || message.trim().length() == 0) {
            message = "unknown error";
        }
        try {
            // A failed or cancelled run is not recorded: the recorder would write a run(...) line that fails again.
            Recorder.setCommand(null);
        } catch (Throwable ignored) {
            // no recorder
        }
        Interpreter interp = Interpreter.getInstance();
        if (interp == null) {
            interp = MacroRunner.current(); // a macro run by dislocate macro or dislocate imagej --macro
        }
        String thread = Thread.currentThread().getName();
        if (interp != null && IJ.getInstance() == null && !GraphicsEnvironment.isHeadless()) {
            // ImageJ's -batch mode with a display (e.g. under xvfb-run): Interpreter.abort(message) would show a modal
            // dialog nobody can close, and ImageJ would exit 0 after the macro. Print the error, stop the macro, and
            // give the batch run (whose macro runs on "Run$_main") a failing exit status.
            System.err.println("Dislocate error: " + message);
            interp.abortMacro();
            if (ImageJInternals.isBatchMainThread(thread)) {
                System.exit(1);
            }
            return;
        }
        if (interp != null && inMacro) {
            try {
                interp.abort(message);
                return;
            } catch (Throwable t) {
                // fall through: at least show the message
            }
        }
        try {
            if (GraphicsEnvironment.isHeadless()) {
                IJ.log("Dislocate error: " + message);
            } else {
                IJ.error("Dislocate", message);
            }
        } catch (Throwable t) {
            System.err.println("Dislocate: " + message);
        }
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        // Our own parse errors and exceptions the host throws into Java carry a complete message.
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException || t.getClass() == RuntimeException.class) {
            return m == null ? t.getClass().getSimpleName() : m;
        }
        return t.getClass().getName() + (m == null ? "" : ": " + m);
    }
}
