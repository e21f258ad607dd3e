package dislocate.bridge;

import ij.Macro;
import java.util.List;

/**
 * The Java side's own tests (no JUnit on this machine): the line protocol, option strings as ImageJ's macro parser
 * reads them back, the registry's parsing of describe text, and result parsing. Run by tests/ImageJ.Tests
 * (JavaSideTests) with {@code java -cp classes:ij.jar dislocate.bridge.BridgeSelfTest}; exits 1 naming the first
 * failed check.
 */
public final class BridgeSelfTest {
    private static int checks;

    private BridgeSelfTest() {
    }

    public static void main(String[] args) {
        protocol();
        options();
        registry();
        results();
        internals();
        System.out.println(checks + " checks passed");
    }

    private static void protocol() {
        String[] hard = {"", "plain", "tab\there", "line\nbreak", "cr\rlf", "back\\slash", "\\t literally", "ends\\", "ü ∞ 😀"};
        for (String s : hard) {
            equal(s, Protocol.unescape(Protocol.escape(s)), "escape round trip of '" + s + "'");
        }
        String[] f = Protocol.fields(Protocol.join("a\tb", "", "c\\n"));
        equal(3, f.length, "fields of a joined line");
        equal("a\tb", f[0], "first field");
        equal("", f[1], "empty field kept");
        equal("c\\n", f[2], "backslash-n text kept");
        equal(2, Protocol.fields("x\t").length, "trailing empty field kept");
        equal("\\q", Protocol.unescape("\\q"), "an unknown escape stays as written");
        List<String> lines = Protocol.lines("a\r\n\nb\n");
        equal(2, lines.size(), "empty lines skipped");
        equal("a", lines.get(0), "carriage return dropped");
        equal("20", Protocol.formatNumber(20.0), "whole numbers without .0");
        equal("0.00001", Protocol.formatNumber(1e-5), "no exponent");
        equal("-3.25", Protocol.formatNumber(-3.25), "negative");
        equal(2, Protocol.decimalsNeeded(0.25, 6), "decimals of 0.25");
        equal(-1, Protocol.decimalsNeeded(1.0 / 3, 6), "1/3 needs too many decimals");
        truth(Protocol.isNumber("1e-3") && Protocol.isNumber("-Infinity") && !Protocol.isNumber("1,5") && !Protocol.isNumber(""), "number syntax");
        fails(new Runnable() {
            public void run() {
                Protocol.parseInt("x", "width");
            }
        }, "width: 'x' is not a whole number");
    }

    private static void options() {
        // What the dialog and the headless default path write must read back through ImageJ's own parser.
        String[][] values = {{"model", "/data/my models/m.dislocate"}, {"threshold", "0.5"}, {"out", "[odd]"}, {"title", "a=b"}};
        StringBuilder sb = new StringBuilder();
        for (String[] kv : values) {
            Dislocate_Command.appendOption(sb, kv[0], kv[1]);
        }
        Dislocate_Command.appendFlag(sb, "split");
        Dislocate_Command.appendOption(sb, "empty", " ");
        String options = sb.toString() + " ";
        equal("model=[/data/my models/m.dislocate] threshold=0.5 out=[[odd]] title=a=b split ", options, "option string");
        for (String[] kv : values) {
            equal(kv[1], Macro.getValue(options, kv[0], null), "ImageJ reads back " + kv[0]);
        }
        truth((" " + options).contains(" split "), "flag present as GenericDialog looks for it");
        truth(Dislocate_Command.hasFlag(options, "split"), "a checked box is found");
        truth(!Dislocate_Command.hasFlag(options, "threshold"), "a key with a value is no flag");
        truth(!Dislocate_Command.hasFlag("model=[keep] out=x", "keep"), "a word inside brackets is no flag");
        truth(!Dislocate_Command.hasFlag("title=keep", "keep"), "a value is no flag");
        truth(Dislocate_Command.hasFlag("seed=2 keep overlays", "overlays") && Dislocate_Command.hasFlag("keep", "keep"), "flags anywhere");
        truth(!Dislocate_Command.hasFlag("keeps", "keep") && !Dislocate_Command.hasFlag(null, "keep"), "whole words only");
        equal(null, Macro.getValue(options, "empty", null), "an empty value is left out");
        equal("Segment dislocations in\nthe image", Dislocate_Command.wrap("Segment dislocations in the image", 24), "wrap at spaces");
    }

    private static void registry() {
        String describe = Protocol.join("V", "segment", "1.2.0") + "\n"
            + Protocol.join("C", "segment image", "Segment Dislocations", "Segment", "Segment.\nTwo lines.") + "\n"
            + Protocol.join("P", "image", "image", "image", "", "", "", "", "1", "") + "\n"
            + Protocol.join("P", "threshold", "Probability threshold", "real", "0.5", "0.01", "1", "", "0", "help") + "\n"
            + Protocol.join("P", "engine", "engine", "choice", "auto", "", "", "auto|torch|onnx", "0", "") + "\n"
            + Protocol.join("X", "a line kind of a later host") + "\n"
            + Protocol.join("C", "track run", "Track Dislocations", "Track", "") + "\n";
        List<CommandSpec> commands = Registry.parse(describe);
        equal(2, commands.size(), "two commands");
        CommandSpec segment = commands.get(0);
        equal("Segment Dislocations", segment.label, "label");
        equal("Segment.\nTwo lines.", segment.help, "help with a line break");
        equal(3, segment.params().size(), "parameters");
        truth(segment.imageParam() != null && segment.imageParam().required, "image parameter");
        ParamSpec threshold = segment.param("threshold");
        equal(0.01, threshold.min.doubleValue(), "min");
        equal(1.0, threshold.max.doubleValue(), "max");
        equal("0.5", threshold.defaultValue, "default");
        equal("Probability threshold", Dislocate_Command.dialogLabel(threshold), "the label is shown as written (the key is recorded)");
        equal(3, segment.param("engine").choices.length, "choices");
        equal("engine=auto threshold=0.5", sortedDefaults(segment), "default options");
        fails(new Runnable() {
            public void run() {
                Registry.parse(Protocol.join("P", "x", "x", "real"));
            }
        }, "P line before any C line");
        fails(new Runnable() {
            public void run() {
                Registry.parse(Protocol.join("C", "a", "A") + "\n" + Protocol.join("C", "b", "A"));
            }
        }, "command label 'A' appears twice");
        // As ImageJ's own menu reader: only the brackets go, a space before them stays.
        equal("Image...", Registry.stripShortcut("Image...[n]"), "shortcut stripped");
        equal("Properties... ", Registry.stripShortcut("Properties... [y]"), "shortcut after a space stripped");
        equal("Put Behind [tab]", Registry.stripShortcut("Put Behind [tab]"), "tab is no shortcut");
    }

    private static String sortedDefaults(CommandSpec spec) {
        String[] parts = Dislocate_Command.defaultOptions(spec).split(" ");
        java.util.Arrays.sort(parts);
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(sb.length() > 0 ? " " : "").append(p);
        }
        return sb.toString();
    }

    private static void results() {
        String text = Protocol.join("S", "2 dislocations") + "\n"
            + Protocol.join("I", "0", "labels", "3", "2", "1", "1", "2", "16", "labels") + "\n"
            + Protocol.join("L", "0", "frame 2 dislocation 1", "2", "0", "0.5", "1", "2.5", "1") + "\n"
            + Protocol.join("R", "0", "1", "x y") + "\n"
            + Protocol.join("T", "0", "Dislocations", "frame", "name") + "\n"
            + Protocol.join("G", "0", "Distances", "frame", "px", "no pileup") + "\n"
            + Protocol.join("F", "model", "/m.dislocate") + "\n";
        Result r = Result.parse(text);
        equal(null, r.error, "no error");
        equal("2 dislocations", r.summary, "summary");
        equal(1, r.images.size(), "one image");
        truth(r.images.get(0).labels && r.images.get(0).planes() == 2, "label stack of two planes");
        equal(2, r.rois.get(0).frame, "ROI frame");
        equal(2.5f, r.rois.get(0).xs[1], "ROI x");
        equal(1, r.tables.size(), "one table");
        equal("x y", r.tables.get(0).rows.get(0)[1], "row before its T line is kept");
        equal("no pileup", r.plots.get(0).emptyReason, "empty plot says why");
        equal("/m.dislocate", r.files.get(0).path, "file");
        Result.ImageOut calibrated = Result.parse(Protocol.join("I", "0", "tem.dm3", "2", "2", "1", "3", "1", "32", "values",
            "0.25", "0.5", "nm", "2")).images.get(0);
        truth(calibrated.calibrated() && calibrated.pixelHeight == 0.5 && calibrated.unit.equals("nm")
            && calibrated.frameInterval == 2, "an image's own calibration");
        truth(!r.images.get(0).calibrated(), "no calibration fields: uncalibrated");
        fails(new Runnable() {
            public void run() {
                Result.parse(Protocol.join("I", "0", "x", "3", "2", "1", "1", "1", "32", "values", "0", "1", "nm", "0"));
            }
        }, "calibration must be positive and finite");
        equal("boom", Result.parse(Protocol.join("E", "boom")).error, "error");
        fails(new Runnable() {
            public void run() {
                Result.parse(Protocol.join("S", "x") + "\n" + Protocol.join("M", "0", "movie"));
            }
        }, "result line 2: unknown kind 'M'");
        fails(new Runnable() {
            public void run() {
                Result.parse(Protocol.join("I", "0", "x", "3", "2", "1", "1", "1", "12"));
            }
        }, "bitDepth 12 is not 8, 16 or 32");
        fails(new Runnable() {
            public void run() {
                Result.parse(Protocol.join("D", "4", "s", "1", "2"));
            }
        }, "series for plot 4, which has no G line");
    }

    private static void internals() {
        equal(null, ImageJInternals.difference("1.53t"), "the tested ImageJ needs no warning");
        String other = ImageJInternals.difference("1.54f");
        truth(other != null && other.contains("ImageJ 1.54f") && other.contains("ij.Menus.pluginsTable"), "another ImageJ is named with what Dislocate relies on");
        truth(ImageJInternals.isMacroThread("Run$_dislocate m.ijm") && !ImageJInternals.isMacroThread("AWT-EventQueue-0"), "macro threads");
        truth(ImageJInternals.isBatchMainThread("Run$_main"), "the -batch thread");
        for (String[] command : ImageJInternals.MENU_BAR_COMMANDS) {
            String name = command[1].indexOf('(') < 0 ? command[1] : command[1].substring(0, command[1].indexOf('('));
            truth(BridgeSelfTest.class.getClassLoader().getResource(name.replace('.', '/') + ".class") != null, "ImageJ has " + name);
        }
    }

    private static void equal(Object expected, Object actual, String what) {
        checks++;
        if (expected == null ? actual != null : !expected.equals(actual)) {
            System.out.println("FAILED " + what + ": expected <" + expected + "> but was <" + actual + ">");
            System.exit(1);
        }
    }

    private static void truth(boolean condition, String what) {
        equal(Boolean.TRUE, Boolean.valueOf(condition), what);
    }

    private static void fails(Runnable action, String messagePart) {
        checks++;
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains(messagePart)) {
                return;
            }
            System.out.println("FAILED: message <" + e.getMessage() + "> lacks <" + messagePart + ">");
            System.exit(1);
        }
        System.out.println("FAILED: no error for <" + messagePart + ">");
        System.exit(1);
    }
}
