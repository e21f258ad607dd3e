package dislocate.bridge;

import ij.IJ;
import ij.plugin.PlugIn;

/** Plugins &gt; Dislocations &gt; About Dislocate: versions, where commands run, citation, licence and help. */
public class About_Dislocate implements PlugIn {
    /** The paper Dislocate implements. */
    static final String CITATION = "Govind K., Oliveros D., Dlouhy A., Legros M., Sandfeld S. Deep Learning of Crystalline "
        + "Defects from TEM images: a solution for the problem of 'never enough training data'. "
        + "Machine Learning: Science and Technology, 2023. doi:10.48550/arXiv.2307.06322";

    @Override
    public void run(String arg) {
        String about = text();
        if (IJ.getInstance() == null) {
            IJ.log(about);
        } else {
            IJ.showMessage("About Dislocate", about);
        }
    }

    /** The About text (a macro reads it with {@code call("dislocate.bridge.About_Dislocate.text")}). */
    public static String text() {
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
        StringBuilder sb = new StringBuilder("Dislocate: deep-learning analysis of dislocations in TEM images\n \n");
        for (String v : Registry.versions()) {
            sb.append(v).append('\n');
        }
        sb.append(" \n");
        if (text.length() == 0) {
            sb.append("No commands are available: ").append(where).append('\n');
        } else {
            for (String line : text.split("\n")) {
                int tab = line.indexOf('\t');
                sb.append(tab < 0 ? line : line.substring(0, tab) + "   (" + line.substring(tab + 1) + ")").append('\n');
            }
            sb.append(" \nCommands run ").append(where).append(".\n");
        }
        sb.append(" \nPlease cite: ").append(CITATION).append('\n');
        sb.append("Licence: the project has not declared one yet; the default model was fine-tuned on frames of a "
            + "GPL-3.0-licensed video (see README).\n");
        sb.append("Help: README.md of the Dislocate release (beside the 'dislocate' program), 'dislocate --help', and each "
            + "dialog's help lines.");
        return sb.toString();
    }
}
