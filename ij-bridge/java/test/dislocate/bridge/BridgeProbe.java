package dislocate.bridge;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only calls for the JNI soak tests (tests/ImageJ.Tests/SoakTests): kept out of the production jar, compiled by
 * the tests and put on the JVM class path beside it (ImageJSettings.ExtraClassPath).
 */
public final class BridgeProbe {
    private BridgeProbe() {
    }

    /** Returns x+1 (JNI soak test). JNI: {@code (I)I}. */
    public static int echo(int x) {
        return x + 1;
    }

    /**
     * Calls {@link NativeBridge#describe()} n times on this thread and returns the total length of the answers (a Java → .NET
     * callback test). JNI: {@code (I)I}.
     */
    public static int callBack(int n) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            String s = NativeBridge.describe();
            total += s == null ? 0 : s.length();
        }
        return total;
    }

    /**
     * Starts {@code threads} Java threads that each call {@link NativeBridge#describe()} n times, joins them and returns how
     * many calls returned without an exception (callbacks into .NET from threads .NET did not create).
     * JNI: {@code (II)I}.
     */
    public static int callBackFromThreads(int threads, final int n) {
        final AtomicInteger ok = new AtomicInteger();
        Thread[] started = new Thread[Math.max(0, threads)];
        for (int t = 0; t < started.length; t++) {
            started[t] = new Thread(new Runnable() {
                @Override
                public void run() {
                    for (int i = 0; i < n; i++) {
                        try {
                            NativeBridge.describe();
                            ok.incrementAndGet();
                        } catch (Throwable ignored) {
                            // counted as a failed call
                        }
                    }
                }
            }, "Dislocate callback " + t);
            started[t].setDaemon(true);
            started[t].start();
        }
        for (Thread t : started) {
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return ok.get();
    }
}
