package org.presslab.report.api;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a {@link Report} into a file format. Registered as a service with the {@link #FORMAT} property; the
 * report service picks the renderer by it, so a bundle can add a format.
 */
@ConsumerType
public interface ReportRenderer {

    /** Service property: the format's name, lower case ("html", "pdf"). */
    String FORMAT = "presslab.report.format";

    /** The format's name, lower case, as in {@link #FORMAT}. */
    String format();

    /** File name extension without the dot ("html", "pdf"). */
    String extension();

    /** The media type ("text/html; charset=UTF-8", "application/pdf"). */
    String mediaType();

    /**
     * Writes the report to {@code out} (not closed). A renderer keeps no state between calls and may be
     * called from several threads.
     *
     * @throws IOException when writing fails
     */
    void render(Report report, OutputStream out) throws IOException;
}
