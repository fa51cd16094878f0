package io.flinkupgrade.local.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which process listens on a TCP port, best effort and Linux only: the listening socket's inode from
 * {@code /proc/net/tcp} and {@code tcp6} (state 0A is LISTEN), then the process with an fd linked to
 * {@code socket:[inode]} (https://www.kernel.org/doc/Documentation/networking/proc_net_tcp.txt).
 * Anywhere else, or without permission to look, it knows nothing.
 */
final class PortOwner {
    private static final String LISTEN = "0A";

    private PortOwner() {}

    /** {@code pid 1234 (java -jar x.jar)}, or empty when it cannot tell. */
    static Optional<String> of(int port) {
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Optional<String> inode = listeningInode(Path.of(table), port);
            if (inode.isPresent()) {
                return processWithSocket(inode.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> listeningInode(Path table, int port) {
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        try {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            return Files.readAllLines(table).stream().skip(1)
                    .map(line -> line.strip().split("\\s+"))
                    .filter(cols -> cols.length > 9 && cols[1].endsWith(portHex) && LISTEN.equals(cols[3]))
                    .map(cols -> cols[9])
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> processWithSocket(String inode) {
        String socket = "socket:[" + inode + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                if (holds(process, socket)) {
                    return Optional.of("pid " + process.getFileName() + commandLine(process));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holds(Path process, String socket) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                if (socket.equals(readLink(fd))) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // another user's process, or it has just exited
        }
        return false;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String commandLine(Path process) {
        try {
            String cmdline = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return cmdline.isEmpty() ? "" : " (" + cmdline + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
