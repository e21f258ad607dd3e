package dislocate.bridge;

import ij.IJ;
import ij.plugin.PlugIn;

/** Plugins &gt; Dislocations &gt; About Dislocate: lists the installed .NET commands. */
public class About_Dislocate implements PlugIn {
    @Override
    public void run(String arg) {
        String text;
        String where;
        try {
            Registry.ensureLoaded();
            text = Registry.commandsText();
            where = Backend.get().where();
        } catch (RuntimeException e) {
            text = "";
            where = e.getMessage();
        }
        StringBuilder sb = new StringBuilder("Dislocate: dislocation analysis in TEM images (.NET commands)\n \n");
        if (text.length() == 0) {
            sb.append("No .NET commands are available: ").append(where);
        } else {
            for (String line : text.split("\n")) {
                int tab = line.indexOf('\t');
                sb.append(tab < 0 ? line : line.substring(0, tab) + "   (" + line.substring(tab + 1) + ")").append('\n');
            }
        }
        if (text.length() > 0) {
            sb.append(" \nCommands run ").append(where).append('.');
        }
        IJ.showMessage("About Dislocate", sb.toString());
    }
}
