package org.presslab.tools.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every README reference resolves inside the repository. */
class DocLinksTest {

    private static final Path ROOT = Paths.get(System.getProperty("presslab.root", "../..")).toAbsolutePath().normalize();

    @Test
    void everyRelativeLinkInTheRepositoryResolvesInsideIt() {
        assertEquals(List.of(), DocLinks.broken(ROOT), "links to files that are not in the repository");
    }

    @Test
    void findsAMissingFileAndALinkOutOfTheRepository(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/there.md"), "# there");
        Files.writeString(dir.resolve("outside.md"), "# outside");
        Files.writeString(repo.resolve("README.md"), """
                [ok](docs/there.md) [anchor](#x) [ok too](docs/there.md#part) [web](https://example.org/a.md)
                [gone](docs/missing.md) [outside](../outside.md)
                """);
        assertEquals(List.of("README.md: docs/missing.md", "README.md: ../outside.md"), DocLinks.broken(repo));
    }
}
