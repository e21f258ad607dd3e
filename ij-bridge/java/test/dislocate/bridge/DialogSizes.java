package dislocate.bridge;

import ij.gui.GenericDialog;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.io.File;

/**
 * Test-only: every page of every command's parameter dialog, shown non-modally on the current display and measured,
 * one line per page ({@code title<TAB>width<TAB>height}); tests/ImageJ.Tests/DialogSizeTests runs it under a 1024×768 Xvfb
 * screen. Usage: {@code java -cp ij.jar:<classes> dislocate.bridge.DialogSizes <dislocate executable>}.
 */
public final class DialogSizes {
    private DialogSizes() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("dislocate.executable", new File(args[0]).getAbsolutePath());
        Worker worker = Worker.start();
        String describe;
        try {
            describe = worker.describe();
        } finally {
            worker.stop();
        }
        StringBuilder sb = new StringBuilder();
        for (CommandSpec spec : Registry.parse(describe)) {
            java.util.List<java.util.List<ParamSpec>> pages = Dislocate_Command.pages(spec);
            for (int i = 0; i < pages.size(); i++) {
                final GenericDialog gd = Dislocate_Command.buildDialog(spec, pages, i);
                // Not modal, so showDialog lays it out (buttons included) and returns; measured as the user would see it, then closed.
                gd.setModal(false);
                gd.showDialog();
                EventQueue.invokeAndWait(new Runnable() {
                    @Override
                    public void run() {
                        gd.validate();
                    }
                });
                Dimension size = gd.getSize();
                sb.append(gd.getTitle()).append('\t').append(size.width).append('\t').append(size.height).append('\n');
                gd.dispose();
            }
        }
        System.out.print(sb);
        System.exit(0);
    }
}
