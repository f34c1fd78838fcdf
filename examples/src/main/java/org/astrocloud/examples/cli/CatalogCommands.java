package org.astrocloud.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.astrocloud.fits.catalog.duckdb.CatalogAccessException;
import org.astrocloud.fits.catalog.duckdb.CatalogQuery;
import org.astrocloud.fits.catalog.duckdb.CatalogSchemaException;
import picocli.CommandLine;

/** What {@code index}, {@code query} and {@code export} share: opening the catalog, with usage errors that say why not. */
final class CatalogCommands {
    private CatalogCommands() {
    }

    static CatalogQuery openReadOnly(CommandLine commandLine, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(commandLine, "--catalog: no catalog at " + file
                    + " (fits-scan index --catalog " + file + " ... writes one)");
        }
        try {
            return CatalogQuery.openReadOnly(file);
        } catch (CatalogSchemaException | CatalogAccessException e) {
            throw new CommandLine.ParameterException(commandLine, "--catalog: " + e.getMessage());
        }
    }
}
