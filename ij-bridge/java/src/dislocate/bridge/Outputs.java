package dislocate.bridge;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.macro.Interpreter;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.process.FloatPolygon;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a parsed {@link Result} into ImageJ images, ROIs, tables, log lines and a status message. */
public final class Outputs {
    /** Where the pixels of image outputs come from (the native result handle, or a test). */
    public interface PlaneSource {
        /** Fills {@code destination} (width*height) with plane {@code plane} of image output {@code output}. */
        void plane(int output, int plane, float[] destination);
    }

    private Outputs() {
    }

    /**
     * Shows the outputs of a result handle of {@code backend}; {@code manager}: lines go to the ROI Manager (with
     * windows); {@code replace}: lines of earlier Dislocate commands leave the ROI Manager and the input's overlay.
     */
    static void show(final Backend backend, final long handle, Result result, ImagePlus input, boolean manager, boolean replace) {
        show(result, input, new PlaneSource() {
            @Override
            public void plane(int output, int plane, float[] destination) {
                backend.plane(handle, output, plane, destination);
            }
        }, manager, replace);
    }

    /**
     * Shows all outputs with the ROI Manager and earlier Dislocate ROIs replaced (the defaults).
     *
     * @return the images made, in output order (for tests)
     */
    public static List<ImagePlus> show(Result result, ImagePlus input, PlaneSource source) {
        return show(result, input, source, true, true);
    }

    /**
     * Shows all outputs. Images: in headless ImageJ or a batch-mode macro they become batch-mode images and the
     * last one the current image of this thread; otherwise windows. ROIs: an overlay on their image when headless,
     * in batch mode or when {@code manager} is false, else the ROI Manager; the input stack gets them as an overlay
     * too. With {@code replace}, earlier Dislocate ROIs leave the ROI Manager and the input's overlay first (the
     * user's own stay). The first table becomes the system Results table.
     *
     * @return the images made, in output order (for tests)
     */
    public static List<ImagePlus> show(Result result, ImagePlus input, PlaneSource source, boolean manager, boolean replace) {
        boolean hidden = hidden();
        Map<Integer, ImagePlus> images = new LinkedHashMap<Integer, ImagePlus>();
        for (Result.ImageOut o : result.images) {
            images.put(o.index, build(o, input, source));
        }

        List<Roi> managerRois = new ArrayList<Roi>();
        List<ImagePlus> managerImages = new ArrayList<ImagePlus>();
        // The lines also go on the input stack the user looks at (same size and frames), replacing Dislocate's earlier ones.
        Overlay onInput = null;
        for (Result.Polyline p : result.rois) {
            if (p.xs.length == 0) {
                continue;
            }
            ImagePlus target = images.get(p.output);
            if (input != null && target != null && input.getWidth() == target.getWidth() && input.getHeight() == target.getHeight()
                    && input.getStackSize() == target.getNFrames() * target.getNSlices()) {
                if (onInput == null) {
                    Overlay earlier = input.getOverlay();
                    onInput = replace ? withoutDislocateRois(earlier) : (earlier == null ? new Overlay() : earlier);
                }
                onInput.add(roiOnInput(p, input));
            }
            Roi roi = roi(p, target);
            if (hidden || !manager) {
                if (target == null) {
                    IJ.log("Dislocate: ROI '" + p.name + "' refers to image output " + p.output + ", which does not exist");
                    continue;
                }
                Overlay overlay = target.getOverlay();
                if (overlay == null) {
                    overlay = new Overlay();
                }
                overlay.add(roi);
                target.setOverlay(overlay);
            } else {
                managerRois.add(roi);
                managerImages.add(target);
            }
        }

        // The first output is the command's main result: show it last so that it is the active image.
        List<ImagePlus> ordered = new ArrayList<ImagePlus>(images.values());
        java.util.Collections.reverse(ordered);
        ImagePlus main = null;
        for (ImagePlus imp : ordered) {
            if (hidden) {
                Interpreter.addBatchModeImage(imp);
            } else {
                imp.show();
            }
            main = imp;
        }
        if (hidden && main != null) {
            WindowManager.setTempCurrentImage(main);
        }

        if (onInput != null) {
            input.setOverlay(onInput);
        }
        if (!managerRois.isEmpty()) {
            RoiManager rm = RoiManager.getInstance();
            if (rm == null) {
                rm = new RoiManager();
            }
            if (replace) {
                removeDislocateRois(rm);
            }
            ImagePlus shown = null;
            for (int i = 0; i < managerRois.size(); i++) {
                ImagePlus target = managerImages.get(i);
                if (target != null) {
                    rm.add(target, managerRois.get(i), -1);
                    shown = target;
                } else {
                    rm.addRoi(managerRois.get(i));
                }
            }
            if (shown != null) {
                try {
                    rm.runCommand(shown, "Show All");
                } catch (Throwable ignored) {
                    // display only
                }
            }
        }

        boolean first = true;
        for (Result.Table t : result.tables) {
            ResultsTable rt;
            if (first) {
                rt = ResultsTable.getResultsTable();
                rt.reset();
            } else {
                rt = new ResultsTable();
            }
            fill(rt, t);
            rt.show(first ? "Results" : t.name);
            Tables.remember(t.name, rt);
            first = false;
        }

        java.awt.Color[] colors = {java.awt.Color.BLUE, java.awt.Color.RED, new java.awt.Color(0, 150, 0),
            java.awt.Color.MAGENTA, java.awt.Color.ORANGE, java.awt.Color.CYAN, java.awt.Color.BLACK, java.awt.Color.PINK};
        for (Result.PlotOut p : result.plots) {
            ij.gui.Plot plot = new ij.gui.Plot(p.name, p.xLabel, p.yLabel);
            StringBuilder legend = new StringBuilder();
            for (int s = 0; s < p.xs.size(); s++) {
                plot.setColor(colors[s % colors.length]);
                plot.addPoints(p.xs.get(s), p.ys.get(s), ij.gui.Plot.CONNECTED_CIRCLES);
                legend.append(p.seriesNames.get(s)).append('\n');
            }
            if (p.xs.size() > 1) {
                plot.addLegend(legend.toString());
            }
            if (p.xs.isEmpty()) {
                // No series (e.g. no pileup, so no pair distances): say so instead of drawing NaN axes.
                plot.setLimits(0, 1, 0, 1);
                plot.setColor(java.awt.Color.DARK_GRAY);
                plot.addLabel(0.05, 0.5, "Nothing to plot: " + (p.emptyReason.length() > 0 ? p.emptyReason : "the command found no data for this chart."));
            } else {
                plot.setLimitsToFit(false); // all series, not only the first, decide the axes
            }
            if (hidden) {
                // Plots stay reachable from macros as images; the main output stays the active image.
                ImagePlus plotImage = plot.getImagePlus();
                plotImage.setTitle(p.name);
                Interpreter.addBatchModeImage(plotImage);
            } else {
                plot.show();
            }
        }
        if (main != null && !result.plots.isEmpty()) {
            if (hidden) {
                WindowManager.setTempCurrentImage(main);
            } else if (main.getWindow() != null) {
                activate(main.getWindow());
            }
        }

        for (Result.FileOut f : result.files) {
            IJ.log(f.name + ": " + f.path);
        }
        if (result.summary != null && result.summary.length() > 0) {
            IJ.showStatus(result.summary);
            if (!GraphicsEnvironment.isHeadless()) {
                IJ.log(result.summary);
            }
        }
        return new ArrayList<ImagePlus>(images.values());
    }

    /**
     * Makes the main image the active window again after plot windows were shown. The window system activates each
     * new window asynchronously, so a plot's activation could arrive after the main image was made current and take
     * the macro's current image (seen as a flaky getTitle() under Xvfb). Waits until the main window is active, at most
     * half a second, then sets it current once more.
     */
    private static void activate(ij.gui.ImageWindow window) {
        WindowManager.setCurrentWindow(window);
        window.toFront();
        long deadline = System.currentTimeMillis() + 500;
        while (!window.isActive() && System.currentTimeMillis() < deadline) {
            IJ.wait(10);
        }
        WindowManager.setCurrentWindow(window);
    }

    /**
     * Whether images are shown as batch-mode images rather than windows: headless, or in a batch-mode macro. Headless,
     * it enters batch mode first: without windows, WindowManager knows images only in batch mode (as in a macro run
     * headless).
     */
    private static boolean hidden() {
        boolean headless = GraphicsEnvironment.isHeadless();
        if (headless && !Interpreter.isBatchMode()) {
            ImageJInternals.enterGlobalBatchMode();
        }
        return headless || Interpreter.isBatchMode();
    }

    /** Shows one image as {@link #show} shows a command's outputs: a window, or a batch-mode image made current. */
    static void display(ImagePlus imp) {
        if (hidden()) {
            Interpreter.addBatchModeImage(imp);
            WindowManager.setTempCurrentImage(imp);
        } else {
            imp.show();
        }
    }

    /** Builds one image output: pixels from {@code source}, dimensions, its own calibration (else a same-sized input's), display range. */
    public static ImagePlus build(Result.ImageOut o, ImagePlus input, PlaneSource source) {
        int size = o.width * o.height;
        int n = o.planes();
        ImageStack stack = new ImageStack(o.width, o.height);
        float[] buffer = o.bitDepth == 32 ? null : new float[size];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            float[] f = o.bitDepth == 32 ? new float[size] : buffer;
            source.plane(o.index, p, f);
            Object pixels;
            if (o.bitDepth == 32) {
                pixels = f;
            } else if (o.bitDepth == 16) {
                pixels = toShort(f);
            } else {
                pixels = toByte(f);
            }
            if (o.bitDepth != 8) {
                for (int i = 0; i < size; i++) {
                    float v = o.bitDepth == 16 ? (((short[]) pixels)[i] & 0xffff) : f[i];
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                }
            }
            stack.addSlice(null, pixels);
        }
        ImagePlus imp = new ImagePlus(o.name, stack);
        imp.setDimensions(o.channels, o.slices, o.frames);
        if (o.channels > 1 || o.frames > 1) {
            imp.setOpenAsHyperStack(true);
        }
        if (o.calibrated()) {
            Calibration cal = new Calibration();
            cal.pixelWidth = o.pixelWidth;
            cal.pixelHeight = o.pixelHeight;
            cal.setUnit(o.unit);
            cal.frameInterval = o.frameInterval;
            if (o.frameInterval > 0) {
                cal.setTimeUnit("s");
            }
            imp.setCalibration(cal);
        } else if (input != null && input.getWidth() == o.width && input.getHeight() == o.height) {
            Calibration src = input.getCalibration();
            if (src.scaled() || src.frameInterval != 0) {
                Calibration cal = new Calibration();
                cal.pixelWidth = src.pixelWidth;
                cal.pixelHeight = src.pixelHeight;
                cal.pixelDepth = src.pixelDepth;
                cal.setUnit(src.getUnit());
                cal.xOrigin = src.xOrigin;
                cal.yOrigin = src.yOrigin;
                cal.zOrigin = src.zOrigin;
                cal.frameInterval = src.frameInterval;
                cal.setTimeUnit(src.getTimeUnit());
                imp.setCalibration(cal);
            }
        }
        if (o.bitDepth == 8) {
            imp.setDisplayRange(0, 255); // masks 0/255 and 8-bit images: the full range
        } else if (min <= max) {
            imp.setDisplayRange(min, max > min ? max : min + 1); // one range for the whole stack: planes compare
        }
        if (o.labels) {
            applyLabelLut(imp, max);
        }
        return imp;
    }

    static byte[] toByte(float[] f) {
        byte[] b = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            float v = f[i];
            int x = v != v ? 0 : (v <= 0 ? 0 : (v >= 255 ? 255 : Math.round(v)));
            b[i] = (byte) x;
        }
        return b;
    }

    static short[] toShort(float[] f) {
        short[] s = new short[f.length];
        for (int i = 0; i < f.length; i++) {
            float v = f[i];
            int x = v != v ? 0 : (v <= 0 ? 0 : (v >= 65535 ? 65535 : Math.round(v)));
            s[i] = (short) x;
        }
        return s;
    }

    /**
     * A polyline ROI with name and position. On a hyperstack (channels &gt; 1, or slices and frames &gt; 1) the position
     * is (channel, slice, frame) with slice 1 for single-slice images and 0 (all) otherwise; on a plain stack it
     * is the frame (or 0 = all).
     */
    static Roi roi(Result.Polyline p, ImagePlus target) {
        Roi roi = new PolygonRoi(new FloatPolygon(p.xs.clone(), p.ys.clone()), Roi.POLYLINE);
        roi.setProperty(ROI_PROPERTY, "1");
        if (p.name != null && p.name.length() > 0) {
            roi.setName(p.name);
        }
        if (target != null) {
            int c = target.getNChannels();
            int z = target.getNSlices();
            int t = target.getNFrames();
            int channel = clamp(p.channel, c);
            int frame = clamp(p.frame, t);
            if (c > 1 || (z > 1 && t > 1)) {
                roi.setPosition(channel, z == 1 ? 1 : 0, frame);
            } else if (t > 1) {
                roi.setPosition(frame);
            } else if (z > 1) {
                roi.setPosition(0);
            } else {
                roi.setPosition(frame == 0 ? 0 : 1);
            }
        } else if (p.frame > 0) {
            roi.setPosition(p.frame);
        }
        return roi;
    }

    /**
     * A ROI for the input stack: result frame k is the input's k-th plane (a plain stack, whether ImageJ calls its
     * planes slices or frames) or its k-th time point (a hyperstack with frames).
     */
    static Roi roiOnInput(Result.Polyline p, ImagePlus input) {
        Roi roi = roi(p, null);
        if (input.isHyperStack() && input.getNFrames() > 1) {
            roi.setPosition(0, 0, p.frame);
        } else {
            roi.setPosition(p.frame > 0 && input.getStackSize() > 1 ? p.frame : 0);
        }
        return roi;
    }

    /** Property that marks the ROIs Dislocate made, so a new run replaces them instead of piling up. */
    static final String ROI_PROPERTY = "dislocate";

    /**
     * A label LUT: 0 black, every label a bright colour distinct from its neighbours (golden-angle hues), so touching
     * dislocations differ; the display range maps one grey level to one label up to 255.
     */
    static void applyLabelLut(ImagePlus imp, double max) {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 1; i < 256; i++) {
            java.awt.Color c = java.awt.Color.getHSBColor((float) ((i * 0.618033988749895) % 1.0), 0.85f, 1f);
            r[i] = (byte) c.getRed();
            g[i] = (byte) c.getGreen();
            b[i] = (byte) c.getBlue();
        }
        ij.process.LUT lut = new ij.process.LUT(r, g, b);
        double top = imp.getBitDepth() == 8 ? 255 : Math.max(255, max);
        for (int c = 1; c <= Math.max(1, imp.getNChannels()); c++) {
            imp.setC(c);
            imp.getProcessor().setLut(lut);
            imp.getProcessor().setMinAndMax(0, top);
        }
        if (imp.getNChannels() <= 1) {
            imp.getStack().setColorModel(lut);
        }
        imp.setC(1);
    }

    /** Whether {@code roi} was made by a Dislocate command ({@link #roi} marks them). */
    static boolean isDislocateRoi(Roi roi) {
        return "1".equals(roi.getProperty(ROI_PROPERTY));
    }

    /** Removes the ROIs an earlier Dislocate command put in {@code overlay}; returns it (a new one when null). */
    static Overlay withoutDislocateRois(Overlay overlay) {
        if (overlay == null) {
            return new Overlay();
        }
        for (int i = overlay.size() - 1; i >= 0; i--) {
            if (isDislocateRoi(overlay.get(i))) {
                overlay.remove(i);
            }
        }
        return overlay;
    }

    /** Deletes the ROIs an earlier Dislocate command put in the ROI Manager; the user's own ROIs stay. */
    static void removeDislocateRois(RoiManager rm) {
        Roi[] rois = rm.getRoisAsArray();
        boolean all = rois.length > 0;
        for (Roi r : rois) {
            all &= isDislocateRoi(r);
        }
        if (all) {
            rm.reset();
            return;
        }
        for (int i = rois.length - 1; i >= 0; i--) {
            if (isDislocateRoi(rois[i])) {
                rm.select(i);
                rm.runCommand("Delete");
            }
        }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : (v > n ? n : v);
    }

    /** Fills a results table: one row per R line; cells that parse as numbers are numeric, others text. */
    static void fill(ResultsTable rt, Result.Table t) {
        for (String[] row : t.rows) {
            rt.incrementCounter();
            for (int j = 0; j < row.length; j++) {
                String column = j < t.columns.length && t.columns[j].length() > 0 ? t.columns[j] : "C" + (j + 1);
                String cell = row[j];
                if (Protocol.isNumber(cell)) {
                    rt.addValue(column, Double.parseDouble(cell.trim()));
                } else {
                    rt.addValue(column, cell);
                }
            }
        }
    }
}
