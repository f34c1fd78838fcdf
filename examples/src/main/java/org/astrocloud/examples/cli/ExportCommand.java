package org.astrocloud.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.astrocloud.fits.catalog.duckdb.CatalogAccessException;
import org.astrocloud.fits.catalog.duckdb.CatalogQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fits-scan export}: a catalog's tables as ZSTD Parquet, optionally partitioned hive style. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the catalog's files, hdus and cards tables as Parquet (ZSTD) under DIR: files.parquet,"
                + " hdus.parquet, cards.parquet, or with --partition-by one hive-style directory each"
                + " (cards/SECTOR=22/CAMERA=1/data_0.parquet). Earlier outputs of these names are replaced.",
                "Read back with DuckDB: SELECT * FROM read_parquet('DIR/cards/**/*.parquet', hive_partitioning = true).",
                "URIs are written exactly as stored (secrets too)."},
        footer = {"", "Exit codes: 0 written, 1 the export failed, 2 usage error."})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "The catalog file (DuckDB).")
    Path catalog;

    @Option(names = "--parquet", required = true, paramLabel = "DIR", description = "Where to write (created if missing).")
    Path dir;

    @Option(names = "--partition-by", split = ",", paramLabel = "KEY,...",
            description = "Partition by these: a column of files (outcome, compression, ...) or else a header keyword,"
                    + " its value from the first HDU of each file that has it (SECTOR,CAMERA,CCD).")
    List<String> partitionBy = List.of();

    @Override
    public Integer call() {
        CatalogQuery q = CatalogCommands.openReadOnly(spec.commandLine(), catalog);
        try {
            CatalogQuery.Export e;
            try {
                e = q.exportParquet(dir, partitionBy).block();
            } catch (IllegalArgumentException bad) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--partition-by: " + bad.getMessage());
            } catch (CatalogAccessException failed) {
                spec.commandLine().getErr().println("fits-scan export: " + failed.getMessage());
                return UsageErrors.FAILED;
            }
            spec.commandLine().getErr().printf("exported %d files, %d HDUs, %d cards to %s%s%n", e.rows().get(0),
                    e.rows().get(1), e.rows().get(2), e.directory(),
                    e.partitionBy().isEmpty() ? "" : " partitioned by " + String.join(", ", e.partitionBy()));
            return 0;
        } finally {
            q.close().block();
        }
    }
}
