package org.presslab.control.api;

import java.util.Objects;

/**
 * Who issued a command, and through which front end: every command that moves a press or changes a run is
 * recorded with its actor ({@link StationEventType#COMMAND}).
 *
 * @param name the person (shell or web user name) or the component ("recipe:assb-default", "system")
 * @param source the front end the command came through
 */
public record Actor(String name, Source source) {

    /** The front end a command came through. */
    public enum Source {
        SHELL,
        WEB,
        REST,
        RECIPE,
        OPERATOR,
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(source, "source");
        name = name == null || name.isBlank() ? "unknown" : name.strip();
    }

    /** A component of the platform itself (not a person). */
    public static Actor system(String name) {
        return new Actor(name, Source.SYSTEM);
    }

    @Override
    public String toString() {
        return name + " (" + source.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
