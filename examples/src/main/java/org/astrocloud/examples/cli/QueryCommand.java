package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.astrocloud.fits.catalog.duckdb.CatalogAccessException;
import org.astrocloud.fits.catalog.duckdb.CatalogQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fits-scan query}: SQL over a catalog file that {@code index} wrote, opened read only. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Runs one SQL statement (DuckDB's dialect) over a catalog written by `fits-scan index`; the file"
                + " is opened read only.",
                "",
                "Tables and views:",
                "  files       uri, size, etag, last_modified, scanned_at (UTC), outcome (ok|error), error, compression,"
                        + " derived_from, hdu_count, sibling_key",
                "  hdus        uri, hdu, kind, xtension, extname, header_offset, header_size, data_offset, data_size,"
                        + " padded_data_size, bitpix, naxis (BIGINT[]), pcount, gcount, card_count, data_ref (JSON),"
                        + " header (BLOB: the bytes as stored)",
                "  cards       uri, hdu, seq, keyword, value_type (logical|integer|big_integer|real|string|complex|"
                        + "complex_integer|text|undefined), str_value, long_value, double_value (also integers), bool_value,"
                        + " comment, image",
                "  card_values uri, hdu, seq, keyword, value_type, value (any value as text)",
                "  wide        with --wide K,...: uri, hdu and one column per keyword (one row per HDU)",
                "  wide_files  with --wide K,...: uri and one column per keyword, from the first HDU that has it",
                "",
                "Example: fits-scan query --catalog tess.duckdb --wide SECTOR,CAMERA,CCD,NAXIS2 \\",
                "           'SELECT SECTOR, count(*) FROM wide_files GROUP BY SECTOR ORDER BY 1'"},
        footer = {"", "Exit codes: 0 done, 1 the query failed, 2 usage error."})
final class QueryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "The catalog file (DuckDB).")
    Path catalog;

    @Parameters(index = "0", paramLabel = "SQL", description = "One SQL statement.")
    String sql;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|jsonl",
            description = "Output: an aligned table (default), CSV with a header row, or one JSON object per row.")
    String format;

    @Option(names = "--wide", split = ",", paramLabel = "KEY,...",
            description = "Define the views wide and wide_files with these keywords as columns (upper-cased; quote"
                    + " names such as \"DATE-OBS\" in SQL). A keyword whose values are all integers is a BIGINT column,"
                    + " numbers DOUBLE, logicals BOOLEAN, else VARCHAR.")
    List<String> wide = List.of();

    @Option(names = "--no-redact",
            description = "Print URIs exactly as stored. By default URIs (whole cells, and in data_ref) have their"
                    + " user info and signature, credential and token query values masked (****).")
    boolean noRedact;

    @Override
    public Integer call() {
        QueryOutput.Format f = switch (format) {
            case "table" -> QueryOutput.Format.TABLE;
            case "csv" -> QueryOutput.Format.CSV;
            case "jsonl" -> QueryOutput.Format.JSONL;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format must be table, csv or jsonl (was " + format + ")");
        };
        CatalogQuery q = CatalogCommands.openReadOnly(spec.commandLine(), catalog);
        try {
            if (!wide.isEmpty()) {
                try {
                    q.wide(wide).block();
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--wide: " + e.getMessage());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            QueryOutput output = new QueryOutput(out, f, UriText.of(noRedact));
            try {
                q.query(sql, output).block();
            } catch (CatalogAccessException e) {
                spec.commandLine().getErr().println("fits-scan query: " + e.getMessage());
                return UsageErrors.FAILED;
            }
            output.finish();
            return 0;
        } finally {
            q.close().block();
        }
    }
}
