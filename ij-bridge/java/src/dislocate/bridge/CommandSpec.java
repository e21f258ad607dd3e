package dislocate.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One .NET command as described by the host (a {@code C} line of {@code NativeBridge.describe()} and the
 * {@code P} lines after it): {@code C <key> <label> <menuPath> <help>}.
 */
public final class CommandSpec {
    /** The host's command key, e.g. {@code synthetic generate}; the argument of {@link Dislocate_Command}. */
    public final String key;
    /** Menu label and ImageJ command name ({@code run("Label", "...")}). */
    public final String label;
    /** Submenu path under Plugins &gt; Dislocations, parts separated by '&gt;' (may be empty). */
    public final String menuPath;
    public final String help;
    final List<ParamSpec> params = new ArrayList<ParamSpec>();

    public CommandSpec(String key, String label, String menuPath, String help) {
        this.key = key;
        this.label = label;
        this.menuPath = menuPath == null ? "" : menuPath;
        this.help = help == null ? "" : help;
    }

    /** Parameters in dialog order. */
    public List<ParamSpec> params() {
        return Collections.unmodifiableList(params);
    }

    /** The first parameter of kind image, or null when the command takes no image. */
    public ParamSpec imageParam() {
        for (ParamSpec p : params) {
            if (p.isImage()) {
                return p;
            }
        }
        return null;
    }

    /** The parameter with this key (case-insensitive), or null. */
    public ParamSpec param(String key) {
        for (ParamSpec p : params) {
            if (p.key.equalsIgnoreCase(key)) {
                return p;
            }
        }
        return null;
    }

    /** The class string ImageJ's command table holds for this command. */
    public String pluginClassString() {
        return Dislocate_Command.class.getName() + "(\"" + key + "\")";
    }

    @Override
    public String toString() {
        return label + " [" + key + "]";
    }
}
