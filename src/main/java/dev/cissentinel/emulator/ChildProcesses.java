package dev.cissentinel.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the local servers this package starts (moto_server, the Lambda runtime emulator) share: a free loopback
 * port, waiting between readiness probes, and stopping a process with its children, also when the JVM exits.
 */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** The process and every descendant (launcher shims, reloaders, the runtime an emulator starts). */
    static List<ProcessHandle> tree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    /** Asks the whole tree to stop, and kills what is still running 5 s later. */
    static void stopTree(Process process) {
        List<ProcessHandle> tree = tree(process);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
    }

    /**
     * Registers {@code hook} to stop the processes at JVM exit. If the JVM is already exiting (e.g. SIGTERM during
     * start), no hook would run, so {@code stopNow} runs at once and the caller's start fails.
     */
    static void stopAtExit(Thread hook, Runnable stopNow) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            stopNow.run();
            throw shuttingDown;
        }
    }

    /** Undoes {@link #stopAtExit} after an explicit stop. */
    static void forgetAtExit(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook itself is running or about to: nothing left to undo.
        }
    }

    static void pause(Duration interval, String waitingFor) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
        }
    }
}
