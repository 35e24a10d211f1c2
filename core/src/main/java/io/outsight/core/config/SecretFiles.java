package io.outsight.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a secret from a file (a Docker or Kubernetes secret, a file only its owner may read). The value is the
 * file's UTF-8 text without one trailing newline ({@code \n} or {@code \r\n}), exactly as written otherwise.
 * Failures say what is wrong with the file and never quote its content. Stateless and thread-safe.
 */
final class SecretFiles {
    /** A secret is a password or a key: anything this large is the wrong file, not a secret. */
    static final int MAX_BYTES = 64 * 1024;

    private SecretFiles() {}

    /** A secret file that cannot be used; the message names the problem, never the content. */
    static final class UnusableSecretFile extends Exception {
        UnusableSecretFile(String reason) {
            super(reason, null, false, false);
        }
    }

    static String read(Path file) throws UnusableSecretFile {
        if (Files.isDirectory(file)) {
            throw new UnusableSecretFile("is a folder, not a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read through a stream, not by size: /dev/fd/N and named pipes (e.g. from a password manager) work too.
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UnusableSecretFile("cannot be read (" + reason(e) + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new UnusableSecretFile("is larger than " + MAX_BYTES / 1024 + " KiB, too large for a secret");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnusableSecretFile("is not UTF-8 text");
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            throw new UnusableSecretFile("is empty");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new UnusableSecretFile("holds more than one line (only one trailing newline is ignored)");
        }
        return text;
    }

    /** Why a file could not be read, by the type of the failure (the file's name is in the caller's message). */
    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException ignored -> "no such file";
            case AccessDeniedException ignored -> "permission denied";
            case FileSystemException fs when fs.getReason() != null -> fs.getReason();
            default -> e.getClass().getSimpleName();
        };
    }
}
