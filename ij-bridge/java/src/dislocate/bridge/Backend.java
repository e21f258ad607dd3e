package dislocate.bridge;

/**
 * Where the .NET commands run: in this JVM's process (the .NET host started ImageJ and bound {@link NativeBridge}'s
 * natives) or in a {@code dislocate serve} worker process (the drop-in jar in a user's own ImageJ or Fiji). Both
 * speak the same describe/run/result text protocol; {@link #get()} picks one.
 */
public abstract class Backend {
    private static Backend current;

    /** The commands as text: C and P lines (see {@link Registry}). */
    public abstract String describe();

    /**
     * Runs a command; blocks until it is done and returns a result handle (never 0). Progress goes to
     * {@link NativeBridge#progress}, whose answer cancels the command.
     *
     * @param planes float[] per plane (ImageJ stack order), or null when the command has no image input
     */
    public abstract long run(String key, String options, String title, int width, int height, int channels, int slices,
            int frames, int bitDepth, double pixelWidth, double pixelHeight, double frameInterval, String unit, Object[] planes);

    /** The result text of a handle: E, S, I, L, T, R, F lines. */
    public abstract String result(long handle);

    /** Fills {@code destination} (width*height) with plane {@code plane} of image output {@code output}. */
    public abstract void plane(long handle, int output, int plane, float[] destination);

    /** Frees a result handle. */
    public abstract void release(long handle);

    /** A line for About: where the commands run. */
    public abstract String where();

    /**
     * The backend of this ImageJ: in-process when the .NET host bound the natives, otherwise the worker (started on
     * first use). Fails with a message saying how to install the runtime when neither is there.
     */
    public static synchronized Backend get() {
        if (current == null) {
            current = InProcess.bound() ? new InProcess() : Worker.start();
        }
        return current;
    }

    /** Forgets the backend (after the worker died), so the next command starts a new one. */
    static synchronized void reset(Backend dead) {
        if (current == dead) {
            current = null;
        }
    }

    /** The in-process backend: {@link NativeBridge}'s natives, bound by the .NET host. */
    static final class InProcess extends Backend {
        /** Whether the natives are bound (calling one that is not throws UnsatisfiedLinkError). */
        static boolean bound() {
            try {
                NativeBridge.describe();
                return true;
            } catch (UnsatisfiedLinkError e) {
                return false;
            }
        }

        @Override
        public String describe() {
            return NativeBridge.describe();
        }

        @Override
        public long run(String key, String options, String title, int width, int height, int channels, int slices,
                int frames, int bitDepth, double pixelWidth, double pixelHeight, double frameInterval, String unit, Object[] planes) {
            return NativeBridge.run(key, options, title, width, height, channels, slices, frames, bitDepth, pixelWidth,
                pixelHeight, frameInterval, unit, planes);
        }

        @Override
        public String result(long handle) {
            return NativeBridge.result(handle);
        }

        @Override
        public void plane(long handle, int output, int plane, float[] destination) {
            NativeBridge.plane(handle, output, plane, destination);
        }

        @Override
        public void release(long handle) {
            NativeBridge.release(handle);
        }

        @Override
        public String where() {
            return "in this process (ImageJ started by the dislocate host)";
        }
    }
}
