package dislocate.bridge;

import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;

import java.util.HashSet;
import java.util.Set;

/** Runs ImageJ macros for the .NET {@code dislocate macro} command (batch mode, errors as text). */
public final class MacroRunner {
    /** The interpreter of the macro {@link #runMacro} is running, or null. */
    private static volatile Interpreter running;
    /** The thread {@link #running} runs on, or null. */
    private static volatile Thread runningThread;

    private MacroRunner() {
    }

    /** The interpreter of the macro {@link #runMacro} is running, or null. */
    static Interpreter current() {
        return running;
    }

    /** Whether {@link #runMacro} runs a macro on {@code thread}. */
    static boolean runsOn(Thread thread) {
        return runningThread == thread;
    }

    /**
     * Stops the running macro and the Dislocate command it is in (SIGTERM or Ctrl-C of {@code dislocate macro}): the
     * command sees a cancel request at its next progress poll, the interpreter stops before its next statement.
     * Called from another thread than the macro's. JNI: {@code ()V}.
     */
    public static void stop() {
        NativeBridge.cancelRequested = true;
        Interpreter interp = running;
        if (interp != null) {
            interp.abortMacro();
        }
    }

    /**
     * Runs a macro in batch mode and then closes the images it left open (hidden batch-mode images), so that
     * every run starts from the same state. JNI: {@code (Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;}
     *
     * @see #runMacro(String, String, boolean)
     */
    public static String runMacro(String macroText, String argument) {
        return runMacro(macroText, argument, false);
    }

    /**
     * Runs a macro in batch mode with errors as text instead of dialogs. {@code setBatchMode(true); } is prepended
     * on the macro's first line, so error line numbers match the given text.
     *
     * @param macroText the macro
     * @param argument what {@code getArgument()} returns (may be null)
     * @param keepImages false: close the hidden images the macro created and restore this thread's current image
     * @return {@code "OK\n" + return value} (the value of a top-level {@code return} statement, or empty), or
     *         {@code "ERROR\n" + message} where the message ends with " (line N)" when the line is known.
     *         JNI: {@code (Ljava/lang/String;Ljava/lang/String;Z)Ljava/lang/String;}
     */
    public static String runMacro(String macroText, String argument, boolean keepImages) {
        return runMacro(macroText, argument, keepImages, true);
    }

    /**
     * As {@link #runMacro(String, String, boolean)}; with {@code batch} false the macro is not put in batch mode (a GUI
     * session's macro, whose images get windows).
     */
    static String runMacro(String macroText, String argument, boolean keepImages, boolean batch) {
        Set<Integer> before = ids();
        ImagePlus currentBefore = WindowManager.getTempCurrentImage();
        Interpreter interp = new Interpreter();
        interp.setIgnoreErrors(true);
        running = interp;
        runningThread = Thread.currentThread();
        java.io.PrintStream out = System.out;
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            System.setOut(new HeadlessDialogGuard(out, interp));
        }
        try {
            String ret = interp.run((batch ? "setBatchMode(true); " : "") + (macroText == null ? "" : macroText), argument);
            String error = interp.getErrorMessage();
            if (error != null) {
                return "ERROR\n" + withLine(error, interp);
            }
            return "OK\n" + (ret == null ? "" : ret);
        } catch (Throwable t) {
            String error = interp.getErrorMessage();
            String m = t.getMessage();
            if (error == null && "Macro canceled".equals(m)) {
                return "OK\n"; // exit() ends a macro this way
            }
            if (error == null) {
                error = t.getClass().getName() + (m == null ? "" : ": " + m);
            }
            return "ERROR\n" + withLine(error, interp);
        } finally {
            System.setOut(out);
            running = null;
            runningThread = null;
            if (!keepImages) {
                closeNewImages(before, currentBefore);
            }
        }
    }

    private static Set<Integer> ids() {
        Set<Integer> set = new HashSet<Integer>();
        int[] list = WindowManager.getIDList();
        if (list != null) {
            for (int id : list) {
                set.add(id);
            }
        }
        return set;
    }

    /** Closes images that appeared since {@code before} and have no window; restores the thread's current image. */
    private static void closeNewImages(Set<Integer> before, ImagePlus currentBefore) {
        try {
            int[] list = WindowManager.getIDList();
            if (list != null) {
                for (int id : list) {
                    if (before.contains(id)) {
                        continue;
                    }
                    ImagePlus imp = WindowManager.getImage(id);
                    if (imp != null && imp.getWindow() == null) {
                        imp.changes = false;
                        imp.close();
                        Interpreter.removeBatchModeImage(imp);
                    }
                }
            }
            WindowManager.setTempCurrentImage(currentBefore);
        } catch (Throwable ignored) {
            // cleanup is best effort
        }
    }

    private static String withLine(String error, Interpreter interp) {
        try {
            int line = interp.getLineNumber();
            if (line > 0 && error.indexOf("line " + line) < 0) {
                return error + " (line " + line + ")";
            }
        } catch (Throwable ignored) {
            // no program or no position: message only
        }
        return error;
    }
}
