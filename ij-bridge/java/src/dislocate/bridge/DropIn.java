package dislocate.bridge;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.util.List;

/**
 * Builds the drop-in jar's {@code plugins.config}: ImageJ reads it at start-up to fill Plugins &gt; Dislocations and
 * its command table, so menus, the recorder and {@code run("Label", …)} in macros work before any command has started
 * the worker. Run at packaging time: {@code java -cp ij.jar:Dislocate_.jar dislocate.bridge.DropIn <dislocate> <out>}.
 */
public final class DropIn {
    private DropIn() {
    }

    /** Writes the plugins.config for the commands of {@code describeText}. */
    public static String pluginsConfig(String describeText) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Dislocate drop-in for ImageJ/Fiji: every command runs in a 'dislocate serve' worker process.\n");
        sb.append("# Generated from 'dislocate serve' describe at packaging time; do not edit.\n");
        List<CommandSpec> commands = Registry.parse(describeText);
        for (CommandSpec c : commands) {
            StringBuilder menu = new StringBuilder("Plugins>").append(Registry.MENU);
            for (String part : c.menuPath.split(">")) {
                if (part.trim().length() > 0) {
                    menu.append('>').append(part.trim());
                }
            }
            sb.append(menu).append(", \"").append(c.label).append("\", ").append(c.pluginClassString()).append('\n');
        }
        sb.append("Plugins>").append(Registry.MENU).append(", \"").append(Registry.ABOUT_LABEL).append("\", ")
            .append(Registry.ABOUT_CLASS).append('\n');
        sb.append(TemFiles.IMPORT_MENU).append(", \"").append(TemFiles.IMPORT_LABEL).append("\", ")
            .append(TemFiles.IMPORT_CLASS).append('\n');
        return sb.toString();
    }

    /** {@code DropIn <dislocate executable> <plugins.config to write>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DropIn <dislocate executable> <plugins.config to write>");
            System.exit(2);
        }
        System.setProperty("dislocate.executable", new File(args[0]).getAbsolutePath());
        Worker worker = Worker.start();
        String config;
        try {
            config = pluginsConfig(worker.describe());
        } finally {
            worker.stop();
        }
        Writer out = new OutputStreamWriter(new FileOutputStream(args[1]), "UTF-8");
        try {
            out.write(config);
        } finally {
            out.close();
        }
        System.exit(0);
    }
}
