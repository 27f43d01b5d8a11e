package org.duallist.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The exclusive lock of a data directory ({@code <data>/launcher.lock}): one stack per data dir. The
 * file holds the owner's pid on its first line and the stack's URLs on the next ones, so that a
 * second launcher can say who runs and where.
 */
public final class DataDirLock implements AutoCloseable {

    public static final String FILE_NAME = "launcher.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the data dir or throws {@link AlreadyRunningException} if another stack holds it. */
    public static DataDirLock acquire(Path dataDir, List<String> urls) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        }
        if (lock == null) {
            String owner = readOwner(channel);
            channel.close();
            List<String> lines = owner.lines().toList();
            String pid = lines.isEmpty() || lines.get(0).isBlank() ? "?" : lines.get(0).trim();
            throw new AlreadyRunningException(pid, lines.size() > 1 ? lines.subList(1, lines.size()) : List.of());
        }
        StringBuilder content = new StringBuilder().append(ProcessHandle.current().pid()).append('\n');
        urls.forEach(url -> content.append(url).append('\n'));
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(content.toString().getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new DataDirLock(channel, lock);
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int read = channel.read(buffer, 0);
        return read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
