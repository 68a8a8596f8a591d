package org.presslab.runs.internal;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;

/**
 * What flows from the recorder to the writer, and into the spool when the database is down: one record
 * per table row or row update. Times are UTC microseconds since the epoch ({@code tUs}) and the recording
 * process's monotonic nanoseconds ({@code mono}). NaN means unknown (written as SQL NULL).
 */
final class Rows {

    private Rows() {
    }

    /** A row; the JSON type names are the spool's format (do not rename). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "k")
    @JsonSubTypes({@JsonSubTypes.Type(value = SampleRow.class, name = "s"), @JsonSubTypes.Type(value = BucketRow.class, name = "b"),
            @JsonSubTypes.Type(value = EventRow.class, name = "e"), @JsonSubTypes.Type(value = CommandRow.class, name = "c"),
            @JsonSubTypes.Type(value = GapRow.class, name = "g"), @JsonSubTypes.Type(value = GapEndRow.class, name = "ge"),
            @JsonSubTypes.Type(value = RunStartRow.class, name = "rs"), @JsonSubTypes.Type(value = RunEndRow.class, name = "re"),
            @JsonSubTypes.Type(value = RunRecipeRow.class, name = "rr"), @JsonSubTypes.Type(value = RunCellRow.class, name = "rc"),
            @JsonSubTypes.Type(value = NoteRow.class, name = "n"), @JsonSubTypes.Type(value = SpectrumRow.class, name = "sp"),
            @JsonSubTypes.Type(value = BatchMark.class, name = "wm")})
    sealed interface Row permits SampleRow, BucketRow, EventRow, CommandRow, GapRow, GapEndRow, RunStartRow, RunEndRow,
            RunRecipeRow, RunCellRow, NoteRow, SpectrumRow, BatchMark {
        /** The station, or "" for the store's own rows. */
        String st();

        /** UTC time of the row, microseconds. */
        long tUs();
    }

    /**
     * First row of a spool frame holding a batch whose direct commit failed: the commit may still have happened (the
     * database can apply it and then drop the connection before it answers). The batch wrote {@code batch} into
     * {@code pl_writer_mark} in the same transaction, so the backfill finds out which, and writes the rows only if
     * it did not. Not a table row: the writer strips it before {@link SqlWriter}.
     */
    record BatchMark(long batch) implements Row {
        @Override
        public String st() {
            return "";
        }

        @Override
        public long tUs() {
            return 0;
        }
    }

    /** One station sample; {@code run} null outside a run (then only the decimated tiers keep it). */
    record SampleRow(String st, UUID run, long tUs, long mono, double p, double f, double sp, double out, double temp,
            String state, String q, boolean gap) implements Row {
    }

    /** One bucket of the decimated tier of width {@code w} seconds starting at {@code tUs}. */
    record BucketRow(String st, UUID run, int w, long tUs, int n, double pMin, double pMax, double pMean, double fMin,
            double fMax, double fMean, double spMean, double tempMean) implements Row {
    }

    record EventRow(String st, UUID run, long tUs, long mono, String type, String msg, String props) implements Row {
    }

    record CommandRow(String st, UUID run, long tUs, long mono, String actor, String source, String command,
            double targetPa, double rate, String recipe, String reason, boolean accepted, String refusal) implements Row {
    }

    /** A gap; {@code endUs} null while open (closed later by a {@link GapEndRow} with the same id). */
    record GapRow(UUID id, String st, UUID run, long tUs, Long endUs, String cause, long lost, String msg) implements Row {
    }

    record GapEndRow(UUID id, String st, long tUs) implements Row {
    }

    record RunStartRow(UUID id, String st, String instance, long tUs, String recipeName, String recipeJson, String recipeSha,
            String recipeRunId, String cellId, String electrolyte, String anode, String cathode, double diameterM,
            double thicknessM, String dieId, String cellNotes, String operator, String source, String vendor, String model,
            String serial, String driverId, String driverBundle, String driverBundleVersion) implements Row {
    }

    record RunEndRow(UUID id, String st, long tUs, String outcome, String msg) implements Row {
    }

    record RunRecipeRow(UUID id, String st, long tUs, String recipeName, String recipeJson, String recipeSha,
            String recipeRunId) implements Row {
    }

    record RunCellRow(UUID id, String st, long tUs, String cellId, String electrolyte, String anode, String cathode,
            double diameterM, double thicknessM, String dieId, String cellNotes) implements Row {
    }

    record NoteRow(UUID run, String st, long tUs, String author, String text) implements Row {
    }

    /**
     * A spectrum the station measured during run {@code run} (a SPECTRUM_MEASURED event), measured at {@code tUs} (the
     * sweep's start). Its id is chosen when the event arrives, so writing it again (a batch retried from the spool) finds
     * it there and adds nothing. The conditions are the station's own (NaN: unknown, stored NULL, never filled from the
     * record); {@code fit} and {@code kk} may be null.
     */
    record SpectrumRow(UUID id, String st, UUID run, long tUs, String source, double p, double f, double temp,
            Attachments.SpectrumData data, FitResult fit, KkResult kk) implements Row {
    }
}
