package dislocate.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed {@code NativeBridge.result(handle)} text.
 *
 * <pre>
 * E  message
 * S  summary
 * I  output  name  width  height  channels  slices  frames  bitDepth  [labels|values  [pixelWidth  pixelHeight  unit  frameInterval]]
 * L  output  roiName  frame  channel  x1  y1  x2  y2 ...
 * T  table  name  column  column ...
 * R  table  cell  cell ...
 * G  plot  name  xLabel  yLabel  [text shown when it has no series]
 * D  plot  series  x1  y1  x2  y2 ...
 * F  name  path
 * </pre>
 */
public final class Result {
    /** An image output (pixels are fetched separately with {@code NativeBridge.plane}). */
    public static final class ImageOut {
        public final int index;
        public final String name;
        public final int width;
        public final int height;
        public final int channels;
        public final int slices;
        public final int frames;
        public final int bitDepth;

        /** Pixel values are labels (0 = background, k = object k): shown with a label LUT. */
        public boolean labels;
        /** The output's own calibration (1, 1, "pixel", 0 when it has none; then a same-sized input's is used). */
        public double pixelWidth = 1;
        public double pixelHeight = 1;
        public String unit = "pixel";
        public double frameInterval;

        /** Whether the output carries its own calibration. */
        public boolean calibrated() {
            return !unit.equals("pixel") || pixelWidth != 1 || pixelHeight != 1 || frameInterval > 0;
        }

        ImageOut(int index, String name, int width, int height, int channels, int slices, int frames, int bitDepth) {
            this.index = index;
            this.name = name;
            this.width = width;
            this.height = height;
            this.channels = channels;
            this.slices = slices;
            this.frames = frames;
            this.bitDepth = bitDepth;
        }

        public int planes() {
            return channels * slices * frames;
        }
    }

    /** A polyline ROI on image output {@link #output}; frame and channel are 1-based, 0 = all. */
    public static final class Polyline {
        public final int output;
        public final String name;
        public final int frame;
        public final int channel;
        public final float[] xs;
        public final float[] ys;

        Polyline(int output, String name, int frame, int channel, float[] xs, float[] ys) {
            this.output = output;
            this.name = name;
            this.frame = frame;
            this.channel = channel;
            this.xs = xs;
            this.ys = ys;
        }
    }

    /** A table: name, columns, rows of cells (text as sent; numeric when {@link Protocol#isNumber}). */
    public static final class Table {
        public final int index;
        public final String name;
        public final String[] columns;
        public final List<String[]> rows = new ArrayList<String[]>();

        Table(int index, String name, String[] columns) {
            this.index = index;
            this.name = name;
            this.columns = columns;
        }
    }

    /** A line plot: title, axis labels and named series of (x, y) points. */
    public static final class PlotOut {
        public final int index;
        public final String name;
        public final String xLabel;
        public final String yLabel;
        public final List<String> seriesNames = new ArrayList<String>();
        public final List<double[]> xs = new ArrayList<double[]>();
        public final List<double[]> ys = new ArrayList<double[]>();
        /** Why the plot may have no series, shown in its place (empty when not given). */
        public String emptyReason = "";

        PlotOut(int index, String name, String xLabel, String yLabel) {
            this.index = index;
            this.name = name;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }
    }

    /** A file the command wrote. */
    public static final class FileOut {
        public final String name;
        public final String path;

        FileOut(String name, String path) {
            this.name = name;
            this.path = path;
        }
    }

    /** Error message, or null when the command succeeded. */
    public String error;
    /** Summary line, or null. */
    public String summary;
    public final List<ImageOut> images = new ArrayList<ImageOut>();
    public final List<Polyline> rois = new ArrayList<Polyline>();
    /** Tables in order of their index. */
    public final List<Table> tables = new ArrayList<Table>();
    public final List<FileOut> files = new ArrayList<FileOut>();
    /** Plots in order of their index. */
    public final List<PlotOut> plots = new ArrayList<PlotOut>();

    /** The image output with this index, or null. */
    public ImageOut image(int index) {
        for (ImageOut i : images) {
            if (i.index == index) {
                return i;
            }
        }
        return null;
    }

    /** Parses result text; throws IllegalArgumentException naming the line on malformed input. */
    public static Result parse(String text) {
        Result r = new Result();
        Map<Integer, Table> tables = new TreeMap<Integer, Table>();
        List<String[]> pendingRows = new ArrayList<String[]>();
        int lineNumber = 0;
        for (String line : Protocol.lines(text)) {
            lineNumber++;
            String[] f = Protocol.fields(line);
            String type = f[0].trim();
            String where = "result line " + lineNumber;
            if (type.equals("E")) {
                r.error = f.length > 1 ? f[1] : "unknown error";
                if (r.error.trim().length() == 0) {
                    r.error = "unknown error";
                }
            } else if (type.equals("S")) {
                r.summary = f.length > 1 ? f[1] : "";
            } else if (type.equals("I")) {
                need(f, 9, where, "I output name width height channels slices frames bitDepth");
                int index = Protocol.parseInt(f[1], where + " output");
                int w = Protocol.parseInt(f[3], where + " width");
                int h = Protocol.parseInt(f[4], where + " height");
                int c = Protocol.parseInt(f[5], where + " channels");
                int z = Protocol.parseInt(f[6], where + " slices");
                int t = Protocol.parseInt(f[7], where + " frames");
                int bits = Protocol.parseInt(f[8], where + " bitDepth");
                if (w <= 0 || h <= 0 || c <= 0 || z <= 0 || t <= 0) {
                    throw new IllegalArgumentException(where + ": image dimensions must be positive");
                }
                if ((long) w * h > Integer.MAX_VALUE || (long) c * z * t > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(where + ": image too large");
                }
                if (bits != 8 && bits != 16 && bits != 32) {
                    throw new IllegalArgumentException(where + ": bitDepth " + bits + " is not 8, 16 or 32");
                }
                if (r.image(index) != null) {
                    throw new IllegalArgumentException(where + ": image output " + index + " appears twice");
                }
                ImageOut image = new ImageOut(index, f[2], w, h, c, z, t, bits);
                image.labels = f.length > 9 && f[9].equals("labels");
                if (f.length > 13) {
                    image.pixelWidth = Protocol.parseDouble(f[10], where + " pixelWidth");
                    image.pixelHeight = Protocol.parseDouble(f[11], where + " pixelHeight");
                    image.unit = f[12].length() > 0 ? f[12] : "pixel";
                    image.frameInterval = Protocol.parseDouble(f[13], where + " frameInterval");
                    if (!(image.pixelWidth > 0) || !(image.pixelHeight > 0) || Double.isInfinite(image.pixelWidth)
                            || Double.isInfinite(image.pixelHeight) || !(image.frameInterval >= 0)) {
                        throw new IllegalArgumentException(where + ": calibration must be positive and finite");
                    }
                }
                r.images.add(image);
            } else if (type.equals("L")) {
                need(f, 5, where, "L output name frame channel x1 y1 ...");
                int output = Protocol.parseInt(f[1], where + " output");
                int frame = Protocol.parseInt(f[3], where + " frame");
                int channel = Protocol.parseInt(f[4], where + " channel");
                int n = f.length - 5;
                if (n % 2 != 0) {
                    throw new IllegalArgumentException(where + ": odd number of coordinates");
                }
                float[] xs = new float[n / 2];
                float[] ys = new float[n / 2];
                for (int i = 0; i < n / 2; i++) {
                    xs[i] = (float) Protocol.parseDouble(f[5 + 2 * i], where + " x" + (i + 1));
                    ys[i] = (float) Protocol.parseDouble(f[6 + 2 * i], where + " y" + (i + 1));
                }
                r.rois.add(new Polyline(output, f[2], frame, channel, xs, ys));
            } else if (type.equals("T")) {
                need(f, 3, where, "T table name columns...");
                int index = Protocol.parseInt(f[1], where + " table");
                String[] columns = new String[f.length - 3];
                System.arraycopy(f, 3, columns, 0, columns.length);
                if (tables.containsKey(index)) {
                    throw new IllegalArgumentException(where + ": table " + index + " appears twice");
                }
                tables.put(index, new Table(index, f[2], columns));
            } else if (type.equals("R")) {
                need(f, 2, where, "R table cells...");
                Protocol.parseInt(f[1], where + " table");
                pendingRows.add(f);
            } else if (type.equals("F")) {
                need(f, 3, where, "F name path");
                r.files.add(new FileOut(f[1], f[2]));
            } else if (type.equals("G")) {
                need(f, 5, where, "G plot name xlabel ylabel");
                PlotOut plot = new PlotOut(Protocol.parseInt(f[1], where + " plot"), f[2], f[3], f[4]);
                plot.emptyReason = f.length > 5 ? f[5] : "";
                r.plots.add(plot);
            } else if (type.equals("D")) {
                need(f, 3, where, "D plot series x y ...");
                int index = Protocol.parseInt(f[1], where + " plot");
                PlotOut plot = null;
                for (PlotOut p : r.plots) {
                    if (p.index == index) {
                        plot = p;
                    }
                }
                if (plot == null) {
                    throw new IllegalArgumentException(where + ": series for plot " + index + ", which has no G line");
                }
                int n = f.length - 3;
                if (n % 2 != 0) {
                    throw new IllegalArgumentException(where + ": odd number of coordinates");
                }
                double[] x = new double[n / 2];
                double[] y = new double[n / 2];
                for (int i = 0; i < n / 2; i++) {
                    x[i] = Protocol.parseDouble(f[3 + 2 * i], where + " x" + (i + 1));
                    y[i] = Protocol.parseDouble(f[4 + 2 * i], where + " y" + (i + 1));
                }
                plot.seriesNames.add(f[2]);
                plot.xs.add(x);
                plot.ys.add(y);
            } else {
                // A kind this jar does not know would otherwise be dropped silently: the runtime is newer than the jar.
                throw new IllegalArgumentException(where + ": unknown kind '" + type + "' (is the Dislocate runtime newer than Dislocate_.jar?)");
            }
        }
        for (String[] f : pendingRows) {
            int index = Integer.parseInt(f[1].trim());
            Table t = tables.get(index);
            if (t == null) {
                throw new IllegalArgumentException("result: row for table " + index + ", which has no T line");
            }
            String[] cells = new String[f.length - 2];
            System.arraycopy(f, 2, cells, 0, cells.length);
            t.rows.add(cells);
        }
        r.tables.addAll(tables.values());
        return r;
    }

    private static void need(String[] f, int n, String where, String form) {
        if (f.length < n) {
            throw new IllegalArgumentException(where + ": expected " + form);
        }
    }
}
