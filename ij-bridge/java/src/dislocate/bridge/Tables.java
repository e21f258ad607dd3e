package dislocate.bridge;

import ij.macro.Interpreter;
import ij.measure.ResultsTable;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tables Dislocate commands made, by title, so a headless macro can save every one of them:
 * {@code call("dislocate.bridge.Tables.save", "Track summary", "/path/summary.csv")}. Headless ImageJ has no table
 * windows, so its own {@code Table.save(path, title)} finds only the Results table; this keeps the latest table of
 * each title (at most {@link #MAX_TABLES}).
 */
public final class Tables {
    /** Most titles kept; the oldest is forgotten first. */
    static final int MAX_TABLES = 64;
    private static final Map<String, ResultsTable> BY_TITLE = new LinkedHashMap<String, ResultsTable>();

    private Tables() {
    }

    /** Remembers {@code table} under {@code title}, replacing an older table of that title. */
    static synchronized void remember(String title, ResultsTable table) {
        BY_TITLE.remove(title);
        BY_TITLE.put(title, table);
        while (BY_TITLE.size() > MAX_TABLES) {
            BY_TITLE.remove(BY_TITLE.keySet().iterator().next());
        }
    }

    /**
     * Saves the table titled {@code title} (the latest one a Dislocate command made, else ImageJ's table of that title)
     * to {@code path} (CSV, or tab-separated for .txt/.xls, as ImageJ saves tables). Returns "" on success; a missing
     * table or a write error aborts the running macro with the message (and is returned when no macro runs).
     */
    public static String save(String title, String path) {
        ResultsTable table;
        String known;
        synchronized (Tables.class) {
            table = BY_TITLE.get(title);
            known = BY_TITLE.keySet().toString();
        }
        if (table == null) {
            table = ResultsTable.getResultsTable(title);
        }
        String problem = null;
        if (table == null) {
            problem = "no table titled '" + title + "'; Dislocate's tables: " + known;
        } else {
            try {
                table.saveAs(path);
            } catch (IOException e) {
                problem = "cannot save table '" + title + "' to " + path + ": " + e.getMessage();
            }
        }
        if (problem == null) {
            return "";
        }
        Interpreter interp = MacroRunner.current() != null ? MacroRunner.current() : Interpreter.getInstance();
        if (interp != null) {
            interp.abort(problem);
        }
        return problem;
    }
}
