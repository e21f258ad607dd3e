package dislocate.bridge;

import ij.IJ;
import ij.ImageJ;
import ij.Menus;

import java.awt.Menu;
import java.awt.MenuItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The .NET commands: parsed once from {@link NativeBridge#describe()} (or from a given text, for tests),
 * held by key and by label, and installed into ImageJ's command table (headless) and menus (GUI).
 *
 * <pre>
 * C  key  label  menuPath  help
 * P  key  label  kind  default  min  max  choice|choice  required(0|1)  help
 * </pre>
 */
public final class Registry {
    /** Name of the top submenu under Plugins. */
    public static final String MENU = "Dislocations";
    /** Label of the about command (also in plugins.config). */
    public static final String ABOUT_LABEL = "About Dislocate";
    static final String ABOUT_CLASS = "dislocate.bridge.About_Dislocate";
    private static final String COMMAND_PREFIX = Dislocate_Command.class.getName() + "(";

    private static List<CommandSpec> commands;
    private static final Map<String, CommandSpec> BY_KEY = new LinkedHashMap<String, CommandSpec>();
    private static final Map<String, CommandSpec> BY_LABEL = new LinkedHashMap<String, CommandSpec>();
    /** Labels of our commands currently in ImageJ's command table. */
    private static final Set<String> INSTALLED = new HashSet<String>();
    /** Menu items this class created (for idempotent re-installation). */
    private static final List<MenuItem> MENU_ITEMS = new ArrayList<MenuItem>();

    private Registry() {
    }

    // ------------------------------------------------------------------ parsing

    /** Parses describe() text into commands, in order. Unknown line types are ignored; malformed lines throw. */
    public static List<CommandSpec> parse(String describeText) {
        List<CommandSpec> out = new ArrayList<CommandSpec>();
        Set<String> keys = new HashSet<String>();
        Set<String> labels = new HashSet<String>();
        CommandSpec current = null;
        int lineNumber = 0;
        for (String line : Protocol.lines(describeText)) {
            lineNumber++;
            String[] f = Protocol.fields(line);
            String type = f[0].trim();
            if (type.equals("C")) {
                if (f.length < 3) {
                    throw new IllegalArgumentException("describe line " + lineNumber + ": a C line needs key and label");
                }
                String key = f[1].trim();
                String label = f[2].trim();
                if (key.length() == 0 || label.length() == 0) {
                    throw new IllegalArgumentException("describe line " + lineNumber + ": command without key or label");
                }
                if (key.indexOf('"') >= 0 || key.indexOf(')') >= 0) {
                    throw new IllegalArgumentException("describe line " + lineNumber + ": command key '" + key + "' contains '\"' or ')'");
                }
                if (!keys.add(key)) {
                    throw new IllegalArgumentException("describe line " + lineNumber + ": command key '" + key + "' appears twice");
                }
                if (!labels.add(label)) {
                    throw new IllegalArgumentException("describe line " + lineNumber + ": command label '" + label + "' appears twice");
                }
                current = new CommandSpec(key, label, f.length > 3 ? f[3].trim() : "", f.length > 4 ? f[4] : "");
                out.add(current);
            } else if (type.equals("P")) {
                if (current == null) {
                    throw new IllegalArgumentException("describe line " + lineNumber + ": P line before any C line");
                }
                current.params.add(ParamSpec.fromFields(f, lineNumber));
            }
        }
        return out;
    }

    /** "name version" of the host and each plugin, from the V lines of the last describe() text. */
    private static final List<String> VERSIONS = new ArrayList<String>();

    /** The host's and the plugins' versions ("name version" each), as the last describe() text gave them. */
    public static synchronized List<String> versions() {
        return Collections.unmodifiableList(new ArrayList<String>(VERSIONS));
    }

    /** Replaces the known commands with those of this describe() text. */
    public static synchronized void load(String describeText) {
        List<CommandSpec> parsed = parse(describeText);
        VERSIONS.clear();
        for (String line : Protocol.lines(describeText)) {
            String[] f = Protocol.fields(line);
            if (f[0].equals("V") && f.length >= 3) {
                VERSIONS.add(f[1] + " " + f[2]);
            }
        }
        BY_KEY.clear();
        BY_LABEL.clear();
        for (CommandSpec c : parsed) {
            BY_KEY.put(c.key, c);
            BY_LABEL.put(c.label, c);
        }
        commands = parsed;
    }

    /** Loads from {@link NativeBridge#describe()} unless already loaded. */
    public static synchronized void ensureLoaded() {
        if (commands == null) {
            load(Backend.get().describe());
        }
    }

    /** Whether commands have been loaded. */
    public static synchronized boolean isLoaded() {
        return commands != null;
    }

    /** All known commands in describe() order (loads them on first use). */
    public static synchronized List<CommandSpec> commands() {
        ensureLoaded();
        return Collections.unmodifiableList(new ArrayList<CommandSpec>(commands));
    }

    /** The command with this key (loads on first use), or null. */
    public static synchronized CommandSpec byKey(String key) {
        ensureLoaded();
        return BY_KEY.get(key == null ? "" : key.trim());
    }

    /** The command with this menu label (loads on first use), or null. */
    public static synchronized CommandSpec byLabel(String label) {
        ensureLoaded();
        return BY_LABEL.get(label);
    }

    // ------------------------------------------------------------------ headless

    /** Headless installation with the commands of {@link NativeBridge#describe()}. */
    public static void installHeadless() {
        installHeadless(null);
    }

    /**
     * Makes ImageJ's command table usable without AWT and adds our commands to it. When
     * {@code Menus.getCommands()} is null (true headless, menus never built), a table is made from IJ_Props.txt
     * (plus the main-menu commands ImageJ builds in code) and set into {@code Menus.pluginsTable}; otherwise
     * (ImageJ already initialised) our commands are added to the existing table. Idempotent.
     *
     * @param describeText describe() text, or null to ask the .NET host (once)
     */
    public static synchronized void installHeadless(String describeText) {
        if (describeText != null) {
            load(describeText);
        } else {
            ensureLoaded();
        }
        Hashtable<String, String> table = commandTable(true);
        addToTable(table);
    }


    /**
     * ImageJ's command table; when it does not exist yet and {@code create} is set, a new one made from
     * IJ_Props.txt is installed into {@code ij.Menus} by reflection.
     */
    @SuppressWarnings("unchecked")
    static Hashtable<String, String> commandTable(boolean create) {
        Hashtable<String, String> table = (Hashtable<String, String>) Menus.getCommands();
        if (table != null || !create) {
            return table;
        }
        table = new Hashtable<String, String>();
        InputStream in = IJ.class.getResourceAsStream("/IJ_Props.txt");
        if (in != null) {
            try {
                table.putAll(parseImageJProps(in));
            } catch (IOException e) {
                IJ.log("Dislocate: cannot read IJ_Props.txt: " + e);
            } finally {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
        ClassLoader loader = IJ.class.getClassLoader();
        for (String[] entry : ImageJInternals.MENU_BAR_COMMANDS) {
            if (!table.containsKey(entry[0]) && classExists(loader, entry[1])) {
                table.put(entry[0], entry[1]);
            }
        }
        ImageJInternals.installCommandTable(table);
        return table;
    }

    private static boolean classExists(ClassLoader loader, String classString) {
        int paren = classString.indexOf('(');
        String name = paren < 0 ? classString : classString.substring(0, paren);
        String resource = name.trim().replace('.', '/') + ".class";
        return loader == null ? ClassLoader.getSystemResource(resource) != null : loader.getResource(resource) != null;
    }

    /**
     * Parses ImageJ's IJ_Props.txt the way {@code Menus.addPluginItem} does: lines {@code key="Label[s]",class("arg")};
     * a trailing shortcut {@code [s]} is removed from the label (the space before it is kept, as ImageJ does:
     * "Properties... [y]" becomes "Properties... "); separators, submenus and other properties are skipped.
     */
    public static Map<String, String> parseImageJProps(InputStream in) throws IOException {
        Map<String, String> out = new LinkedHashMap<String, String>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, "ISO-8859-1"));
        String line;
        while ((line = reader.readLine()) != null) {
            line = line.trim();
            if (line.length() == 0 || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            if (!value.startsWith("\"")) {
                continue; // separators ("-"), submenus (>"Name"), popup entries, URLs
            }
            int comma = value.lastIndexOf(',');
            if (comma <= 1 || value.charAt(comma - 1) != '"') {
                continue;
            }
            String label = value.substring(1, comma - 1);
            String className = value.substring(comma + 1).trim();
            if (label.length() == 0 || className.length() == 0) {
                continue;
            }
            label = stripShortcut(label);
            if (label.length() > 0) {
                out.put(label, className);
            }
        }
        return out;
    }

    /** "Image...[n]" → "Image...", "Properties... [y]" → "Properties... ", "Put Behind [tab]" stays as is. */
    static String stripShortcut(String label) {
        if (!label.endsWith("]")) {
            return label;
        }
        int open = label.lastIndexOf('[');
        if (open <= 0) {
            return label;
        }
        String shortcut = label.substring(open + 1, label.length() - 1);
        int code;
        try {
            code = Menus.convertShortcutToCode(shortcut);
        } catch (Throwable t) {
            code = shortcut.length() == 1 && Character.isLetterOrDigit(shortcut.charAt(0)) ? 1 : 0;
        }
        boolean functionKey = code >= 112 && code <= 123;
        if (code > 0 && !functionKey) {
            return label.substring(0, open);
        }
        return label;
    }

    /** Puts our commands (and About Dislocate) into the table; removes our stale entries; records what went in. */
    private static void addToTable(Hashtable<String, String> table) {
        Set<String> wanted = new HashSet<String>();
        for (CommandSpec c : commands) {
            wanted.add(c.label);
        }
        for (Iterator<Map.Entry<String, String>> it = table.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, String> e = it.next();
            if (e.getValue() != null && e.getValue().startsWith(COMMAND_PREFIX) && !wanted.contains(e.getKey())) {
                it.remove();
            }
        }
        INSTALLED.clear();
        for (CommandSpec c : commands) {
            String existing = table.get(c.label);
            if (existing != null && !existing.startsWith(COMMAND_PREFIX)) {
                IJ.log("Dislocate: '" + c.label + "' is already an ImageJ command (" + existing + "); the .NET command '" + c.key + "' is not installed");
                continue;
            }
            table.put(c.label, c.pluginClassString());
            INSTALLED.add(c.label);
        }
        if (!table.containsKey(ABOUT_LABEL)) {
            table.put(ABOUT_LABEL, ABOUT_CLASS);
        }
        if (!table.containsKey(TemFiles.IMPORT_LABEL)) {
            table.put(TemFiles.IMPORT_LABEL, TemFiles.IMPORT_CLASS);
        }
    }

    // ------------------------------------------------------------------ GUI

    /** GUI installation with the commands of {@link NativeBridge#describe()}. */
    public static void installMenus() {
        installMenus(null);
    }

    /**
     * Adds our commands to ImageJ's command table and to a Plugins &gt; Dislocations &gt; menuPath submenu tree whose
     * items use ImageJ itself as ActionListener (so ImageJ runs and records them like built-in commands).
     * Needs a running ImageJ ({@code new ij.ImageJ()}); without one, it installs headless instead. Idempotent.
     *
     * @param describeText describe() text, or null to ask the .NET host (once)
     */
    public static synchronized void installMenus(String describeText) {
        if (describeText != null) {
            load(describeText);
        } else {
            ensureLoaded();
        }
        ImageJ ij = IJ.getInstance();
        if (ij == null || Menus.getMenuBar() == null) {
            installHeadless(null);
            return;
        }
        Hashtable<String, String> table = commandTable(false);
        if (table == null) {
            throw new IllegalStateException("ImageJ's command table does not exist");
        }
        addToTable(table);
        Menu plugins = Menus.getImageJMenu("Plugins");
        if (plugins == null) {
            IJ.log("Dislocate: ImageJ has no Plugins menu; commands are available through run(\"label\") only");
            return;
        }
        Menu top = submenu(plugins, MENU);
        for (MenuItem item : MENU_ITEMS) {
            java.awt.MenuContainer parent = item.getParent();
            if (parent instanceof Menu) {
                ((Menu) parent).remove(item);
            }
        }
        MENU_ITEMS.clear();
        for (CommandSpec c : commands) {
            if (!INSTALLED.contains(c.label)) {
                continue;
            }
            Menu menu = top;
            for (String part : c.menuPath.split(">")) {
                String name = part.trim();
                if (name.length() > 0) {
                    menu = submenu(menu, name);
                }
            }
            if (findItem(menu, c.label) == null) {
                addItem(menu, c.label, ij);
            }
        }
        if (findItem(top, ABOUT_LABEL) == null && ABOUT_CLASS.equals(table.get(ABOUT_LABEL))) {
            if (top.getItemCount() > 0) {
                MenuItem separator = new MenuItem("-");
                top.add(separator);
                MENU_ITEMS.add(separator);
            }
            addItem(top, ABOUT_LABEL, ij);
        }
        removeEmptySubmenus(top);
        Menu importMenu = Menus.getImageJMenu(TemFiles.IMPORT_MENU);
        if (importMenu != null && findItem(importMenu, TemFiles.IMPORT_LABEL) == null
                && TemFiles.IMPORT_CLASS.equals(table.get(TemFiles.IMPORT_LABEL))) {
            addItem(importMenu, TemFiles.IMPORT_LABEL, ij);
        }
    }

    private static void addItem(Menu menu, String label, ImageJ ij) {
        MenuItem item = new MenuItem(label);
        item.addActionListener(ij);
        menu.add(item);
        MENU_ITEMS.add(item);
    }

    /** The submenu of {@code parent} with this label, created (and appended) when missing. */
    private static Menu submenu(Menu parent, String label) {
        MenuItem found = findItem(parent, label);
        if (found instanceof Menu) {
            return (Menu) found;
        }
        Menu menu = new Menu(label);
        parent.add(menu);
        return menu;
    }

    private static MenuItem findItem(Menu menu, String label) {
        for (int i = 0; i < menu.getItemCount(); i++) {
            MenuItem item = menu.getItem(i);
            if (item != null && label.equals(item.getLabel())) {
                return item;
            }
        }
        return null;
    }

    private static void removeEmptySubmenus(Menu menu) {
        for (int i = menu.getItemCount() - 1; i >= 0; i--) {
            MenuItem item = menu.getItem(i);
            if (item instanceof Menu) {
                removeEmptySubmenus((Menu) item);
                if (((Menu) item).getItemCount() == 0) {
                    menu.remove(i);
                }
            }
        }
    }

    // ------------------------------------------------------------------ reporting

    /** One line per installed command: "label\tkey" (describe() order); empty when nothing is installed. */
    public static synchronized String commandsText() {
        StringBuilder sb = new StringBuilder();
        if (commands == null) {
            return "";
        }
        for (CommandSpec c : commands) {
            if (INSTALLED.contains(c.label)) {
                sb.append(c.label).append('\t').append(c.key).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The Plugins &gt; Dislocations menu as it is in ImageJ's menu bar, one "Dislocations&gt;Sub&gt;Label" line per item
     * (empty when there is no menu bar, e.g. headless), then "File&gt;Import&gt;TEM File (DM3, DM4, SER)..." when that item
     * is there. Callable from macros: {@code call("dislocate.bridge.Registry.menuText")}.
     */
    public static String menuText() {
        Menu plugins = ij.Menus.getImageJMenu("Plugins");
        if (plugins == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < plugins.getItemCount(); i++) {
            MenuItem item = plugins.getItem(i);
            if (item instanceof Menu && MENU.equals(item.getLabel())) {
                appendMenu(sb, (Menu) item, MENU);
            }
        }
        Menu importMenu = ij.Menus.getImageJMenu(TemFiles.IMPORT_MENU);
        if (importMenu != null && findItem(importMenu, TemFiles.IMPORT_LABEL) != null) {
            sb.append(TemFiles.IMPORT_MENU).append('>').append(TemFiles.IMPORT_LABEL).append('\n');
        }
        return sb.toString();
    }

    private static void appendMenu(StringBuilder sb, Menu menu, String path) {
        for (int i = 0; i < menu.getItemCount(); i++) {
            MenuItem item = menu.getItem(i);
            String here = path + ">" + item.getLabel();
            if (item instanceof Menu) {
                appendMenu(sb, (Menu) item, here);
            } else if (!"-".equals(item.getLabel())) {
                sb.append(here).append('\n');
            }
        }
    }
}
