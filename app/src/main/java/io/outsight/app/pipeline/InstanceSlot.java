package io.outsight.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An instance id that a stage's worker on this host holds while it runs and that the next one to start takes again:
 * the lowest slot number whose lock file no running process holds. The worker's Kafka clients go by it: it is the
 * transactional id of ingest's and enrich's producers and the static group membership ({@code group.instance.id}) of
 * every stage's consumer. So a worker killed mid-batch is replaced at once by its successor: starting under its
 * transactional id aborts the transaction it left open, and joining under its instance id takes over its partitions,
 * where under ids of its own (ones with the process id, as before) the successor left read_committed readers held
 * back until the transaction timed out, and the partitions unassigned until the consumer's session did. Two running
 * workers never share a slot, so neither fences the other. The operating system releases a process's file locks when
 * it ends, however it ends.
 *
 * <p>The lock file holds the process id of its holder, for whoever wonders which worker has which id.
 */
public final class InstanceSlot implements AutoCloseable {
    /** More slots than workers of one stage on one host, so that failing to claim one means something is wrong. */
    static final int MAX_SLOTS = 1024;
    /**
     * The lock files this process holds. A slot it holds is skipped without opening its file: closing any channel of a
     * locked file may release the process's lock on it (POSIX record locks belong to the process, see
     * {@link FileLock}), which would leave the slot open to a second holder.
     */
    private static final Set<Path> HELD = new HashSet<>();

    private final String id;
    private final int number;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceSlot(String id, int number, Path file, FileChannel channel, FileLock lock) {
        this.id = id;
        this.number = number;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims the lowest free slot of {@code prefix} in {@code dir}: the id is {@code prefix-N}.
     *
     * @param prefix what tells the stage, the host and the user apart ({@code outsight-enrich-myhost-alice})
     * @throws UncheckedIOException when the folder cannot be created
     * @throws IllegalStateException when every slot is taken or none can be locked (the folder not writable)
     */
    public static InstanceSlot claim(Path dir, String prefix) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(prefix, "prefix");
        Path folder;
        try {
            folder = Files.createDirectories(dir).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of instance slots " + dir, e);
        }
        synchronized (HELD) {
            return claimIn(folder, prefix);
        }
    }

    private static InstanceSlot claimIn(Path dir, String prefix) {
        IOException lastFailure = null;
        for (int n = 0; n < MAX_SLOTS; n++) {
            Path file = dir.resolve(prefix + "-" + n + ".lock");
            if (HELD.contains(file)) {
                continue;
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    writeHolder(channel);
                    HELD.add(file);
                    return new InstanceSlot(prefix + "-" + n, n, file, channel, lock);
                }
            } catch (OverlappingFileLockException e) {
                // Locked through another channel of this process, which HELD should have told: taken all the same.
            } catch (IOException e) {
                // A file this process may not write (another user's): not a slot it can hold.
                lastFailure = e;
            }
            closeQuietly(channel);
        }
        var failure = new IllegalStateException("no free instance slot for " + prefix + " in " + dir
                + " (" + MAX_SLOTS + " taken or not writable)");
        if (lastFailure != null) {
            failure.initCause(lastFailure);
        }
        throw failure;
    }

    /** The process id of the holder, replacing whatever an earlier holder wrote. */
    private static void writeHolder(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // The descriptor is released all the same, and with it any lock it held.
        }
    }

    public String id() {
        return id;
    }

    public int number() {
        return number;
    }

    /** The lock file, which holds the holder's process id. */
    public Path file() {
        return file;
    }

    /** Frees the slot for the next worker (the file stays: deleting it could race a claim of it). */
    @Override
    public void close() {
        synchronized (HELD) {
            if (!channel.isOpen()) {
                return;
            }
            try {
                lock.release();
            } catch (IOException e) {
                // The channel closes below, which releases the lock all the same.
            }
            closeQuietly(channel);
            HELD.remove(file);
        }
    }

    @Override
    public String toString() {
        return id + " (" + file + ")";
    }
}
