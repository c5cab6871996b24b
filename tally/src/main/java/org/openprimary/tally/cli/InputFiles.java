package org.openprimary.tally.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.openprimary.tally.entity.TallyException;

/** Opens a sub-command's FILE argument, {@code -} meaning standard input; a file that is not there is bad input. */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * The stream to read; closing it closes the file but never standard input, which belongs to the caller.
     *
     * @throws TallyException naming the file when it does not exist, is a directory or cannot be read
     */
    static InputStream open(String file, InputStream stdin) throws IOException {
        if (file.equals("-")) {
            return new FilterInputStream(stdin) {
                @Override
                public void close() {
                    // standard input stays open
                }
            };
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new TallyException(file, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new TallyException(file, "is a directory, not a file");
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new TallyException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new TallyException(file, "cannot be read (permission denied)");
        }
    }
}
