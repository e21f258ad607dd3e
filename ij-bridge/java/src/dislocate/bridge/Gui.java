package dislocate.bridge;

import ij.IJ;
import ij.ImageJ;

/** ImageJ's own window with the .NET commands in Plugins &gt; Dislocations. */
public final class Gui {
    private Gui() {
    }

    /**
     * Opens ImageJ's main window (as {@code new ij.ImageJ()}: quitting ImageJ exits the JVM, and with it the
     * process) and installs the menus. JNI: {@code ()V}.
     */
    public static void start() {
        start(true);
    }

    /**
     * Opens ImageJ's main window and installs the menus. With {@code exitWhenQuitting} false, File &gt; Quit only
     * closes ImageJ and the caller polls {@link #isRunning()} to end the process itself. JNI: {@code (Z)V}.
     */
    public static void start(boolean exitWhenQuitting) {
        ImageJ ij = IJ.getInstance();
        if (ij == null) {
            ij = new ImageJ();
        }
        ij.exitWhenQuitting(exitWhenQuitting);
        Registry.installMenus();
    }

    /** True while ImageJ's main window exists and is not quitting. JNI: {@code ()Z}. */
    public static boolean isRunning() {
        ImageJ ij = IJ.getInstance();
        return ij != null && !ij.quitting();
    }

    /**
     * Runs a macro file on a new thread (returns at once) and ends the process when it is done, for
     * {@code dislocate imagej --macro} (e.g. under xvfb-run): exit 0 when it ran through, 1 with the error on standard
     * error when it failed. Errors never open a dialog (nobody could close one under xvfb-run): the macro runs with
     * errors as text, and a failing Dislocate command aborts it (its thread is a Run$_ thread, as
     * {@link Dislocate_Command#fail} expects). JNI: {@code (Ljava/lang/String;)V}.
     */
    public static void runMacroFile(final String path) {
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                int status;
                try {
                    String text = new String(java.nio.file.Files.readAllBytes(new java.io.File(path).toPath()), "UTF-8");
                    String result = MacroRunner.runMacro(text, "", true, false);
                    if (result.startsWith("ERROR\n")) {
                        System.err.println("error: " + new java.io.File(path).getName() + ": " + result.substring(6));
                        status = 1;
                    } else {
                        status = 0;
                    }
                } catch (Throwable t) {
                    System.err.println("error: " + path + ": " + t);
                    status = 1;
                }
                System.exit(status);
            }
        }, ImageJInternals.MACRO_THREAD_PREFIX + "dislocate " + path);
        thread.start();
    }

    /**
     * Ends the process at once with the given exit code, without ImageJ's save-changes prompts; for scripted GUI
     * sessions and tests: {@code call("dislocate.bridge.Gui.exit", "0")}.
     */
    public static String exit(String code) {
        int status = 0;
        try {
            status = Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            status = 1;
        }
        System.exit(status);
        return "";
    }
}
