package dislocate.bridge;

import ij.Executer;
import ij.macro.Interpreter;

import java.io.PrintStream;

/**
 * Standard output while {@code dislocate macro} runs a macro headless. ImageJ's own commands that open a dialog
 * ({@code Duplicate...}, {@code Properties...}, {@code Scale...}) cannot even create it without a display: ImageJ's
 * {@code Executer} catches the HeadlessException, prints its stack trace with {@code IJ.log} (standard output when
 * headless), and the macro goes on and exits 0. This stream recognises that trace and aborts the macro with a message
 * saying what to do instead. ImageJ's "File not found" from {@code open(path)} likewise aborts the macro (ImageJ prints
 * it and goes on); everything else passes through unchanged.
 */
final class HeadlessDialogGuard extends PrintStream {
    /** How ImageJ's Opener words a missing file (the path follows on the next line). */
    static final String FILE_NOT_FOUND = "File not found: \n";

    private final Interpreter interp;

    HeadlessDialogGuard(PrintStream out, Interpreter interp) {
        super(out, true);
        this.interp = interp;
    }

    @Override
    public void println(String s) {
        if (s != null && s.startsWith(FILE_NOT_FOUND)) {
            // ImageJ's Opener reports a missing file this way and lets the macro go on; a pipeline would exit 0.
            interp.abort("file not found: " + s.substring(FILE_NOT_FOUND.length()).trim());
            return;
        }
        if (s != null && s.startsWith("java.awt.HeadlessException")) {
            String command = Executer.getCommand();
            interp.abort((command == null ? "this ImageJ command" : "'" + command + "'") + " needs a dialog, which headless "
                + "ImageJ cannot create; run the macro with a display: xvfb-run dislocate imagej --macro <file>");
            return;
        }
        super.println(s);
    }
}
