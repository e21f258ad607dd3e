package dislocate.bridge;

import ij.ImagePlus;
import ij.io.FileInfo;
import java.io.File;

/**
 * Opens Gatan DigitalMicrograph ({@code .dm3}, {@code .dm4}) and FEI TIA ({@code .ser}) files, which ImageJ 1.x cannot
 * read, with the Dislocate runtime's readers (in this process or the worker): a calibrated 32-bit image or stack.
 * Used by {@link Open_TEM_File} (File &gt; Import) and by the {@code HandleExtraFileTypes} of the TEM opener jar
 * (File &gt; Open, drag and drop, a macro's {@code open(path)}).
 */
public final class TemFiles {
    /** The runtime's key for opening a file (the bridge's own request, not a plugin command). */
    static final String OPEN_KEY = "dislocate open";
    /** The menu label of {@link Open_TEM_File}. */
    public static final String IMPORT_LABEL = "TEM File (DM3, DM4, SER)...";
    static final String IMPORT_CLASS = "dislocate.bridge.Open_TEM_File";
    /** Where {@link #IMPORT_LABEL} goes. */
    static final String IMPORT_MENU = "File>Import";
    private static final String[] EXTENSIONS = {".dm3", ".dm4", ".ser"};

    private TemFiles() {
    }

    /** Whether {@code path} names a file these readers take (by extension, any case). */
    public static boolean handles(String path) {
        if (path == null) {
            return false;
        }
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        for (String e : EXTENSIONS) {
            if (lower.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the file; throws IllegalStateException with the runtime's message (which names the file and the
     * problem) when it cannot.
     */
    public static ImagePlus open(String path) {
        final Backend backend = Backend.get();
        StringBuilder options = new StringBuilder();
        Dislocate_Command.appendOption(options, "open", path);
        final long handle = backend.run(OPEN_KEY, options.toString(), null, 0, 0, 0, 0, 0, 0, 1.0, 1.0, 0.0, null, null);
        if (handle == 0) {
            throw new IllegalStateException(path + ": the Dislocate runtime returned no result");
        }
        try {
            Result result = Result.parse(backend.result(handle));
            if (result.error != null) {
                throw new IllegalStateException(result.error);
            }
            if (result.images.size() != 1) {
                throw new IllegalStateException(path + ": the Dislocate runtime returned " + result.images.size() + " images");
            }
            ImagePlus imp = Outputs.build(result.images.get(0), null, new Outputs.PlaneSource() {
                @Override
                public void plane(int output, int plane, float[] destination) {
                    backend.plane(handle, output, plane, destination);
                }
            });
            File file = new File(path);
            FileInfo fi = new FileInfo();
            fi.fileName = file.getName();
            fi.directory = file.getAbsoluteFile().getParent() + File.separator;
            fi.width = imp.getWidth();
            fi.height = imp.getHeight();
            fi.nImages = imp.getStackSize();
            fi.fileType = FileInfo.GRAY32_FLOAT;
            imp.setFileInfo(fi);
            return imp;
        } finally {
            backend.release(handle);
        }
    }
}
