package dislocate.bridge;

import ij.IJ;


/**
 * The JNI boundary. The natives are implemented in C# and bound with {@code RegisterNatives} by the .NET host;
 * the static methods below are called by C#. This class must be loaded from the JVM class path (not only from a
 * jar in ImageJ's plugins folder), so that ImageJ's plugin class loader resolves the same, bound class.
 */
public final class NativeBridge {
    /** Set by a Cancel button or tests; reported by {@link #progress} and cleared when a command ends. */
    public static volatile boolean cancelRequested;

    private NativeBridge() {
    }

    // ------------------------------------------------------------------ natives (C#)

    /** The commands as text: C and P lines (see {@link Registry}). */
    static native String describe();

    /**
     * Runs a command; blocks until it is done and returns a result handle (never 0).
     *
     * @param key command key, e.g. "synthetic generate"
     * @param options ImageJ option string ({@code key=value key=[with spaces] flag})
     * @param title input image title, or null without image input
     * @param frameInterval seconds between time frames (the calibration's frame interval; 0 = unknown)
     * @param planes float[] per plane (c*z*t of them, each width*height, ImageJ stack order: channel fastest,
     *        then slice, then frame), or null when the command has no image input; read-only
     */
    static native long run(String key, String options, String title, int width, int height, int channels, int slices,
            int frames, int bitDepth, double pixelWidth, double pixelHeight, double frameInterval, String unit, Object[] planes);

    /** The result text of a handle: E, S, I, L, T, R, F lines. */
    static native String result(long handle);

    /** Fills {@code destination} (width*height) with plane {@code plane} of image output {@code output}. */
    static native void plane(long handle, int output, int plane, float[] destination);

    /** Frees a result handle. */
    static native void release(long handle);

    // ------------------------------------------------------------------ called by C#

    /**
     * Progress from a running command: shows the bar ({@code fraction >= 1} hides it) and the message (when not
     * empty) in ImageJ's status bar. Returns true when the user asked to cancel (Esc in ImageJ, or
     * {@link #cancelRequested}). Never throws. JNI: {@code (DLjava/lang/String;)Z}.
     */
    public static boolean progress(double fraction, String message) {
        try {
            if (!Double.isNaN(fraction)) {
                IJ.showProgress(fraction >= 1.0 ? 1.0 : Math.max(0.0, fraction));
            }
            if (message != null && message.length() > 0) {
                IJ.showStatus(message);
            }
        } catch (Throwable ignored) {
            // progress display must never fail a command
        }
        return cancelRequested || escapePressed();
    }

    private static boolean escapePressed() {
        try {
            return IJ.escapePressed();
        } catch (Throwable t) {
            return false;
        }
    }

    /** ImageJ's version, e.g. "1.53t". JNI: {@code ()Ljava/lang/String;}. */
    public static String version() {
        return IJ.getVersion();
    }
}
