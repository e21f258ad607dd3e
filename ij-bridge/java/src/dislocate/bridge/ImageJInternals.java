package dislocate.bridge;

import ij.IJ;
import ij.Menus;
import ij.macro.Interpreter;
import java.lang.reflect.Field;
import java.util.Hashtable;

/**
 * Every dependency of the bridge on ImageJ 1.53t internals, in one place: what ImageJ does not offer as API and the
 * bridge relies on anyway. {@link #check()} names them when the running ImageJ is another version.
 * <ul>
 * <li>the private static fields {@code ij.Menus.pluginsTable} and {@code shortcuts}, set by reflection to give a
 * headless ImageJ (whose menus are never built) a command table;</li>
 * <li>the main-menu commands {@code Menus.addMenuBar} builds in code rather than from IJ_Props.txt
 * ({@link #MENU_BAR_COMMANDS});</li>
 * <li>the thread names {@code IJ.run} gives macro commands ({@code Run$_...}; {@code Run$_main} for {@code -batch}),
 * which tell a macro's command from a menu click;</li>
 * <li>the global {@code Interpreter.batchMode} flag, set so that WindowManager knows images without windows.</li>
 * </ul>
 */
final class ImageJInternals {
    /** The ImageJ version these internals were read from and are tested with. */
    static final String TESTED = "1.53t";

    /** Prefix of the names of the threads IJ.run runs macro commands on. */
    static final String MACRO_THREAD_PREFIX = "Run$_";

    /** Suffix of the names of the threads ImageJ runs a macro on (the editor, Plugins &gt; Macros &gt; Run). */
    static final String MACRO_RUNNER_SUFFIX = "_Macro$";

    /** The thread ImageJ's {@code -batch} mode runs its macro on. */
    static final String BATCH_MAIN_THREAD = "Run$_main";

    private static boolean checked;

    private ImageJInternals() {
    }

    /**
     * ImageJ 1.53t builds these main-menu commands in code ({@code Menus.addMenuBar}), not from IJ_Props.txt,
     * so a headless command table would lack them. Label, class string pairs, added only when the label is
     * missing and the class exists in the running ij.jar.
     */
    static final String[][] MENU_BAR_COMMANDS = {
        {"Open...", "ij.plugin.Commands(\"open\")"},
        {"Open Next", "ij.plugin.NextImageOpener"},
        {"Close", "ij.plugin.Commands(\"close\")"},
        {"Close All", "ij.plugin.Commands(\"close-all\")"},
        {"Save", "ij.plugin.Commands(\"save\")"},
        {"Revert", "ij.plugin.Commands(\"revert\")"},
        {"Undo", "ij.plugin.Commands(\"undo\")"},
        {"Cut", "ij.plugin.Clipboard(\"cut\")"},
        {"Copy", "ij.plugin.Clipboard(\"copy\")"},
        {"Paste", "ij.plugin.Clipboard(\"paste\")"},
        {"Clear", "ij.plugin.filter.Filler(\"clear\")"},
        {"Clear Outside", "ij.plugin.filter.Filler(\"outside\")"},
        {"Fill", "ij.plugin.filter.Filler(\"fill\")"},
        {"Draw", "ij.plugin.filter.Filler(\"draw\")"},
        {"Invert", "ij.plugin.filter.Filters(\"invert\")"},
        {"8-bit", "ij.plugin.Converter(\"8-bit\")"},
        {"16-bit", "ij.plugin.Converter(\"16-bit\")"},
        {"32-bit", "ij.plugin.Converter(\"32-bit\")"},
        {"8-bit Color", "ij.plugin.Converter(\"8-bit Color\")"},
        {"RGB Color", "ij.plugin.Converter(\"RGB Color\")"},
        {"RGB Stack", "ij.plugin.Converter(\"RGB Stack\")"},
        {"HSB Stack", "ij.plugin.Converter(\"HSB Stack\")"},
        {"HSB (32-bit)", "ij.plugin.Converter(\"HSB (32-bit)\")"},
        {"Lab Stack", "ij.plugin.Converter(\"Lab Stack\")"},
        {"Show Info...", "ij.plugin.ImageInfo"},
        {"Properties...", "ij.plugin.filter.ImageProperties"},
        {"Crop", "ij.plugin.Resizer(\"crop\")"},
        {"Duplicate...", "ij.plugin.Duplicator"},
        {"Rename...", "ij.plugin.SimpleCommands(\"rename\")"},
        {"Scale...", "ij.plugin.Scaler"},
        {"Smooth", "ij.plugin.filter.Filters(\"smooth\")"},
        {"Sharpen", "ij.plugin.filter.Filters(\"sharpen\")"},
        {"Find Edges", "ij.plugin.filter.Filters(\"edge\")"},
        {"Find Maxima...", "ij.plugin.filter.MaximumFinder"},
        {"Enhance Contrast...", "ij.plugin.ContrastEnhancer"},
        {"Image Calculator...", "ij.plugin.ImageCalculator"},
        {"Subtract Background...", "ij.plugin.filter.BackgroundSubtracter"},
        {"Measure", "ij.plugin.filter.Analyzer"},
        {"Analyze Particles...", "ij.plugin.filter.ParticleAnalyzer"},
        {"Summarize", "ij.plugin.filter.Analyzer(\"sum\")"},
        {"Distribution...", "ij.plugin.Distribution"},
        {"Label", "ij.plugin.filter.Filler(\"label\")"},
        {"Clear Results", "ij.plugin.filter.Analyzer(\"clear\")"},
        {"Set Measurements...", "ij.plugin.filter.Analyzer(\"set\")"},
        {"Set Scale...", "ij.plugin.filter.ScaleDialog"},
        {"Calibrate...", "ij.plugin.filter.Calibrator"},
        {"Histogram", "ij.plugin.Histogram"},
        {"Plot Profile", "ij.plugin.Profiler(\"plot\")"},
    };

    /**
     * Null when the running ImageJ is the tested version, else what the bridge relies on and that it may differ
     * (logged once by {@link #check()}).
     */
    static String difference(String version) {
        if (version != null && version.startsWith(TESTED)) {
            return null;
        }
        return "Dislocate was tested with ImageJ " + TESTED + " and this is ImageJ " + version + ". It relies on ImageJ internals"
            + " that may differ: ij.Menus.pluginsTable and shortcuts (headless command table), the main-menu command list of"
            + " Menus.addMenuBar, macro threads named Run$_..., and Interpreter.batchMode. If a Dislocate command misbehaves,"
            + " please report it with this version.";
    }

    /** Logs {@link #difference(String)} once per session when the running ImageJ is not the tested version. */
    static synchronized void check() {
        if (checked) {
            return;
        }
        checked = true;
        String difference = difference(IJ.getVersion());
        if (difference != null) {
            IJ.log(difference);
        }
    }

    /** Installs {@code table} as ImageJ's command table (and an empty shortcut table when there is none). */
    static void installCommandTable(Hashtable<String, String> table) {
        check();
        try {
            setMenusField("pluginsTable", table, false);
            setMenusField("shortcuts", new Hashtable<Object, Object>(), true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot install ImageJ's command table (ij.Menus.pluginsTable; ImageJ "
                + IJ.getVersion() + ", tested with " + TESTED + "): " + e, e);
        }
    }

    /** True on a thread IJ.run made for a macro command. */
    static boolean isMacroThread(String threadName) {
        return threadName.startsWith(MACRO_THREAD_PREFIX);
    }

    /**
     * True on a thread a macro itself runs on (not only a command it called): IJ.run's, ImageJ's macro threads,
     * {@code -batch}'s and {@code dislocate macro}'s. For work that macro functions call directly, such as
     * {@code open(path)}.
     */
    static boolean isMacroOwnThread(Thread thread) {
        String name = thread.getName();
        return isMacroThread(name) || name.endsWith(MACRO_RUNNER_SUFFIX) || MacroRunner.runsOn(thread) || isBatchMainThread(name);
    }

    /**
     * True on the thread of ImageJ's {@code -batch} macro: "main" while the macro itself runs (e.g. its
     * {@code open(path)}), "Run$_main" inside a command it called through IJ.run.
     */
    static boolean isBatchMainThread(String threadName) {
        return threadName.equals(BATCH_MAIN_THREAD) || threadName.equals("main");
    }

    /** Turns on ImageJ's global batch mode, without which a headless WindowManager knows no image. */
    static void enterGlobalBatchMode() {
        check();
        Interpreter.batchMode = true;
    }

    private static void setMenusField(String name, Object value, boolean onlyIfNull) throws Exception {
        Field field = Menus.class.getDeclaredField(name);
        field.setAccessible(true);
        if (onlyIfNull && field.get(null) != null) {
            return;
        }
        field.set(null, value);
    }
}
