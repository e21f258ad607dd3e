package dislocate.bridge;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import java.awt.Button;
import java.awt.EventQueue;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.io.File;

/**
 * Test-only: what ImageJ's macro recorder writes when a user runs Dislocate commands from the menu and closes every
 * dialog page with OK, defaults unchanged. Starts ImageJ (window hidden) with the Recorder open, runs each command as a
 * menu click does ({@code IJ.doCommand}), presses OK in each dialog as it appears, and prints the recorder's text
 * (and, on standard error, the Results table's row count after each command).
 * tests/ImageJ.Tests/RecorderTests compares it with the README. Usage:
 * {@code java -cp ij.jar:<classes> dislocate.bridge.RecorderProbe <dislocate executable> <command>…}; a command
 * {@code open:PATH} opens an image instead.
 */
public final class RecorderProbe {
    private RecorderProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("dislocate.executable", new File(args[0]).getAbsolutePath());
        new ImageJ(ImageJ.NO_SHOW);
        Registry.installMenus();
        Recorder recorder = new Recorder();
        Thread presser = new Thread(new Runnable() {
            @Override
            public void run() {
                pressOkForever();
            }
        }, "press OK");
        presser.setDaemon(true);
        presser.start();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("open:")) {
                ImagePlus image = IJ.openImage(args[i].substring(5));
                image.show();
                waitFor(image);
                continue;
            }
            String before = recorder.getText();
            IJ.doCommand(args[i]);
            long end = System.currentTimeMillis() + 120000;
            // Done when the recorder has the command's line (it is written when the command has finished).
            while (recorder.getText().equals(before) && System.currentTimeMillis() < end) {
                Thread.sleep(100);
            }
            System.err.println("results after " + args[i] + ": " + ij.measure.ResultsTable.getResultsTable().size());
        }
        Thread.sleep(500);
        System.out.print(recorder.getText());
        System.exit(0);
    }

    private static void waitFor(ImagePlus image) throws InterruptedException {
        long end = System.currentTimeMillis() + 10000;
        while (WindowManager.getCurrentImage() != image && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    /** Presses OK in every dialog that shows, as a user keeping the defaults would. */
    private static void pressOkForever() {
        while (true) {
            for (Window window : Window.getWindows()) {
                if (window instanceof GenericDialog && window.isShowing()) {
                    final GenericDialog gd = (GenericDialog) window;
                    final Button ok = gd.getButtons()[0];
                    try {
                        EventQueue.invokeAndWait(new Runnable() {
                            @Override
                            public void run() {
                                gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
                            }
                        });
                    } catch (Exception e) {
                        System.err.println("pressing OK failed: " + e);
                    }
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
