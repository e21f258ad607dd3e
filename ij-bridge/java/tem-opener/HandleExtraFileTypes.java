import dislocate.bridge.Open_TEM_File;
import dislocate.bridge.TemFiles;
import ij.ImagePlus;
import ij.plugin.PlugIn;

/**
 * ImageJ 1.x's hook for files it cannot read itself (File &gt; Open, drag and drop, a macro's {@code open(path)}): opens
 * Gatan {@code .dm3}/{@code .dm4} and FEI TIA {@code .ser} files with the Dislocate runtime, calibrated. ImageJ finds
 * it by this class name in the default package, so only one may exist: it ships in its own jar
 * (Dislocate_TEM_Opener.jar), installed only into an ImageJ that has none; Fiji has its own (Bio-Formats), and there
 * File &gt; Import &gt; TEM File opens these files.
 */
public class HandleExtraFileTypes extends ImagePlus implements PlugIn {
    @Override
    public void run(String path) {
        if (!TemFiles.handles(path)) {
            return; // not ours: width 0, and ImageJ reports the unsupported format as it would without us
        }
        ImagePlus imp = Open_TEM_File.openOrFail(path);
        if (imp == null) {
            width = -1; // the error is reported already: ImageJ adds none of its own
            return;
        }
        setStack(imp.getTitle(), imp.getStack());
        setCalibration(imp.getCalibration());
        setFileInfo(imp.getOriginalFileInfo());
        setDisplayRange(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
    }
}
