package dislocate.bridge;

import ij.ImagePlus;
import ij.io.OpenDialog;
import ij.plugin.PlugIn;

/**
 * File &gt; Import &gt; TEM File (DM3, DM4, SER)...: opens a Gatan or FEI TIA file with its calibration, in Fiji too
 * (whose File &gt; Open goes to Bio-Formats). Recorded as {@code run("TEM File (DM3, DM4, SER)...", "open=[path]")}.
 */
public class Open_TEM_File implements PlugIn {
    @Override
    public void run(String arg) {
        OpenDialog dialog = new OpenDialog("Open TEM file (DM3, DM4, SER)", arg);
        if (dialog.getFileName() == null) {
            return; // cancelled
        }
        String path = dialog.getPath();
        ImagePlus imp = openOrFail(path);
        if (imp != null) {
            Outputs.display(imp);
        }
    }

    /**
     * Opens {@code path}; on failure reports it as every Dislocate command does and returns null. A macro that opens
     * the file (its {@code open(path)} runs on the macro's own thread) stops with the message.
     */
    public static ImagePlus openOrFail(String path) {
        boolean inMacro = ImageJInternals.isMacroOwnThread(Thread.currentThread());
        try {
            return TemFiles.open(path);
        } catch (OutOfMemoryError e) {
            Dislocate_Command.fail(path + ": out of memory in Java; increase ImageJ's memory (Edit>Options>Memory)", inMacro);
        } catch (Throwable t) {
            Dislocate_Command.fail(Dislocate_Command.describe(t), inMacro);
        }
        return null;
    }
}
