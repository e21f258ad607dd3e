package dislocate.bridge;

import ij.IJ;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The worker backend: a {@code dislocate serve} child process, started on first use and kept up across commands (so
 * the model it loaded stays loaded), stopped when ImageJ quits. Requests and replies are protocol lines on its
 * standard streams (see the .NET {@code WorkerServer}); pixels go through memory-mapped files in a private temp
 * folder. A worker that exits or falls silent ends the command with an error naming the cause, never a hang: while a
 * command runs the worker reports progress every 100 ms, so {@link #SILENCE_SECONDS} without a line means it hangs.
 */
final class Worker extends Backend {
    /** Seconds without a line from the worker after which it is taken for hung and stopped. */
    static final int SILENCE_SECONDS = 120;
    private static final Charset UTF8 = Charset.forName("UTF-8");
    private static final String EOF = "\u0000EOF";
    private static final int LOG_LINES = 12;

    private final String executable;
    private final Process process;
    private final Writer requests;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<String>();
    private final File folder;
    private final File log;
    private final Map<Long, Held> results = new HashMap<Long, Held>();
    private String description;
    private int runs;
    private boolean dead;

    /** A result held by the worker: its text, parsed, and the file its image planes are in. */
    private static final class Held {
        final String text;
        final Result parsed;
        final File input;
        final File output;

        Held(String text, File input, File output) {
            this.text = text;
            this.parsed = Result.parse(text);
            this.input = input;
            this.output = output;
        }
    }

    private Worker(String executable) throws IOException {
        this.executable = executable;
        folder = createFolder();
        log = new File(folder, "worker.log");
        ProcessBuilder builder = new ProcessBuilder(executable, "serve");
        builder.redirectErrorStream(false);
        builder.redirectError(log);
        String home = IJ.getDirectory("home");
        if (home != null && new File(home).isDirectory()) {
            builder.directory(new File(home));
        }
        process = builder.start();
        requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), UTF8));
        final BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF8));
        Thread pump = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        replies.add(line);
                    }
                } catch (IOException ignored) {
                    // the worker is gone; EOF below says so
                }
                replies.add(EOF);
            }
        }, "dislocate worker replies");
        pump.setDaemon(true);
        pump.start();
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                stop();
            }
        }, "dislocate worker stop"));
    }

    /** Starts the worker found by {@link #locate()}; an IllegalStateException says how to install it when none is. */
    static Worker start() {
        String exe = locate();
        if (exe == null) {
            throw new IllegalStateException("the Dislocate runtime was not found. Unpack the release's dislocate/ folder into "
                + "the ImageJ or Fiji folder (beside plugins/), or set DISLOCATE_HOME to the folder holding the 'dislocate' program.");
        }
        try {
            return new Worker(exe);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Dislocate worker '" + exe + " serve': " + e.getMessage(), e);
        }
    }

    /**
     * The {@code dislocate} program: system property {@code dislocate.executable}, then {@code $DISLOCATE_HOME/dislocate},
     * {@code <ImageJ folder>/dislocate/dislocate}, {@code dislocate/dislocate} beside the plugins folder holding this
     * jar, and {@code dislocate} on the PATH. Null when none exists.
     */
    static String locate() {
        List<File> candidates = new ArrayList<File>();
        String property = System.getProperty("dislocate.executable");
        if (property != null && property.length() > 0) {
            candidates.add(new File(property));
        }
        String home = System.getenv("DISLOCATE_HOME");
        if (home != null && home.length() > 0) {
            candidates.add(new File(home, "dislocate"));
        }
        String imagej = IJ.getDirectory("imagej");
        if (imagej != null) {
            candidates.add(new File(new File(imagej, "dislocate"), "dislocate"));
        }
        try {
            File jar = new File(Worker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            File plugins = jar.getParentFile();
            while (plugins != null && !plugins.getName().equals("plugins")) {
                plugins = plugins.getParentFile();
            }
            if (plugins != null && plugins.getParentFile() != null) {
                candidates.add(new File(new File(plugins.getParentFile(), "dislocate"), "dislocate"));
            }
        } catch (Exception ignored) {
            // no code source (tests): skip this place
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.length() > 0) {
                    candidates.add(new File(dir, "dislocate"));
                }
            }
        }
        for (File f : candidates) {
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    @Override
    public synchronized String describe() {
        if (description == null) {
            String[] reply = request("describe", "D");
            description = reply.length > 1 ? reply[1] : "";
        }
        return description;
    }

    @Override
    public synchronized long run(String key, String options, String title, int width, int height, int channels,
            int slices, int frames, int bitDepth, double pixelWidth, double pixelHeight, double frameInterval, String unit,
            Object[] planes) {
        int n = ++runs;
        File input = planes == null ? null : new File(folder, "in-" + n + ".f32");
        File output = new File(folder, "out-" + n + ".f32");
        try {
            if (input != null) {
                writePlanes(input, planes, (long) width * height);
            }
            send(Protocol.join("run", key, options, title == null ? "" : title, Integer.toString(width),
                Integer.toString(height), Integer.toString(channels), Integer.toString(slices), Integer.toString(frames),
                Integer.toString(bitDepth), Double.toString(pixelWidth), Double.toString(pixelHeight),
                Double.toString(frameInterval), unit == null ? "" : unit, input == null ? "" : input.getAbsolutePath(), output.getAbsolutePath()));
            boolean cancelSent = false;
            while (true) {
                String[] f = Protocol.fields(next());
                if (f[0].equals("P")) {
                    double fraction = parseFraction(f.length > 1 ? f[1] : "NaN");
                    if (NativeBridge.progress(fraction, f.length > 2 ? f[2] : "") && !cancelSent) {
                        send("cancel");
                        cancelSent = true;
                    }
                } else if (f[0].equals("R") && f.length >= 3) {
                    long handle = Long.parseLong(f[1]);
                    results.put(handle, new Held(f[2], input, output));
                    return handle;
                } else {
                    throw died("replied '" + f[0] + "' to a run request" + (f.length > 1 ? ": " + f[1] : ""));
                }
            }
        } catch (IOException e) {
            delete(input);
            throw ioFailure("cannot exchange pixels or requests: ", e);
        }
    }

    @Override
    public synchronized String result(long handle) {
        return held(handle).text;
    }

    @Override
    public synchronized void plane(long handle, int output, int plane, float[] destination) {
        Held h = held(handle);
        long offset = 0;
        for (Result.ImageOut o : h.parsed.images) {
            if (o.index == output) {
                break;
            }
            offset += (long) o.planes() * o.width * o.height * 4L;
        }
        offset += (long) plane * destination.length * 4L;
        RandomAccessFile file = null;
        try {
            file = new RandomAccessFile(h.output, "r");
            MappedByteBuffer map = file.getChannel().map(FileChannel.MapMode.READ_ONLY, offset, destination.length * 4L);
            map.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(destination);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read plane " + plane + " of output " + output + " from " + h.output + ": " + e.getMessage(), e);
        } finally {
            close(file);
        }
    }

    @Override
    public synchronized void release(long handle) {
        Held h = results.remove(handle);
        if (h == null || dead) {
            return;
        }
        delete(h.input);
        request(Protocol.join("release", Long.toString(handle)), "K");
        delete(h.output);
    }

    @Override
    public String where() {
        return "in a worker process (" + executable + " serve)";
    }

    /** Asks the worker to quit, then stops it; removes the exchange folder. Idempotent. */
    synchronized void stop() {
        if (!dead) {
            dead = true;
            try {
                send("quit");
            } catch (IOException ignored) {
                // already gone
            }
            try {
                if (!waitFor(process, 3000)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
        }
        File[] files = folder.listFiles();
        if (files != null) {
            for (File f : files) {
                delete(f);
            }
        }
        delete(folder);
    }

    // ------------------------------------------------------------------ plumbing

    private String[] request(String line, String expected) {
        try {
            send(line);
        } catch (IOException e) {
            throw ioFailure("cannot take a request: ", e);
        }
        String[] f = Protocol.fields(next());
        if (!f[0].equals(expected)) {
            throw died("replied '" + f[0] + "' where '" + expected + "' was expected" + (f.length > 1 ? ": " + f[1] : ""));
        }
        return f;
    }

    private void send(String line) throws IOException {
        requests.write(line);
        requests.write('\n');
        requests.flush();
    }

    /** The next reply line; a worker that exited or stayed silent for {@link #SILENCE_SECONDS} ends in an error. */
    private String next() {
        String line;
        try {
            line = replies.poll(SILENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw died("interrupted while waiting for it");
        }
        if (line == null) {
            process.destroy();
            throw died("sent nothing for " + SILENCE_SECONDS + " s and was stopped");
        }
        if (line.equals(EOF)) {
            throw died("exited");
        }
        return line;
    }

    /**
     * The error for a failed write to the worker: a worker that has exited (or exits within a second) broke the pipe by
     * exiting, which is the cause to report; how soon the pipe breaks after it died depends on timing.
     */
    private RuntimeException ioFailure(String doing, IOException e) {
        try {
            if (!process.isAlive() || waitFor(process, 1000)) {
                return died("exited");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return died(doing + e.getMessage());
    }

    /** Marks the worker dead (the next command starts a new one) and makes the error naming the cause and its log. */
    private RuntimeException died(String what) {
        dead = true;
        Backend.reset(this);
        String code = "";
        try {
            if (waitFor(process, 1000)) {
                code = " (exit code " + process.exitValue() + ")";
            } else {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("the Dislocate worker " + what + code + lastLog());
    }

    private String lastLog() {
        List<String> lines = new ArrayList<String>();
        BufferedReader reader = null;
        try {
            reader = new BufferedReader(new InputStreamReader(new java.io.FileInputStream(log), UTF8));
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (lines.size() > LOG_LINES) {
                    lines.remove(0);
                }
            }
        } catch (IOException ignored) {
            // no log to show
        } finally {
            close(reader);
        }
        if (lines.isEmpty()) {
            return ".";
        }
        StringBuilder sb = new StringBuilder(". Its last messages:");
        for (String l : lines) {
            sb.append('\n').append(l);
        }
        return sb.toString();
    }

    private Held held(long handle) {
        Held h = results.get(handle);
        if (h == null) {
            throw new IllegalStateException("no Dislocate result with handle " + handle + " (already released?)");
        }
        return h;
    }

    private static void writePlanes(File file, Object[] planes, long planeLength) throws IOException {
        RandomAccessFile raf = new RandomAccessFile(file, "rw");
        try {
            FileChannel channel = raf.getChannel();
            for (int p = 0; p < planes.length; p++) {
                float[] plane = (float[]) planes[p];
                if (plane.length != planeLength) {
                    throw new IOException("plane " + p + " has " + plane.length + " pixels, not " + planeLength);
                }
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, p * planeLength * 4L, planeLength * 4L);
                map.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(plane);
            }
        } finally {
            raf.close();
        }
    }

    private static File createFolder() throws IOException {
        File f = File.createTempFile("dislocate-ij-", "");
        if (!f.delete() || !f.mkdir()) {
            throw new IOException("cannot create the folder " + f);
        }
        f.deleteOnExit();
        return f;
    }

    private static double parseFraction(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Waits up to {@code millis} for the process to exit; true when it has. */
    private static boolean waitFor(Process p, long millis) throws InterruptedException {
        return p.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    private static void delete(File f) {
        if (f != null && f.exists() && !f.delete()) {
            f.deleteOnExit();
        }
    }

    private static void close(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
