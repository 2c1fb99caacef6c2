package io.jenkins.plugins.orchestra.coordinator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code stage(...)} call inside {@code orchestrate { … }}, as the Groovy glue collected it and before anything
 * checked it. {@link PlanParser#parse} turns a list of these into a {@link Plan}.
 *
 * @param name the stage's name as written, possibly blank or {@code null}; the parser reports it if so
 * @param arguments the named arguments as Groovy passed them, in the order written ({@code needs}, {@code retry} …);
 *     {@code null} for none. Values are Strings, numbers, Booleans, Lists, Maps, and for a closure a marker object.
 * @param line the Jenkinsfile line of the call, or 0 if unknown
 */
public record StageDeclaration(String name, Map<String, ?> arguments, int line) {
    public StageDeclaration {
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative, was " + line);
        }
        // Not Map.copyOf: Groovy maps may hold null values, and their order is the order the user wrote.
        arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /**
     * A declaration as a Jenkinsfile wrote it, whose name may be of any type.
     *
     * @throws InvalidPlanException naming the line and {@code name} when the name is given but is not text
     */
    public static StageDeclaration of(Object name, Map<String, ?> arguments, int line) {
        if (name != null && !(name instanceof CharSequence)) {
            String value = String.valueOf(name);
            if (value.length() > 40) {
                value = value.substring(0, 40) + "…";
            }
            throw InvalidPlanException.of(new Problem(
                    null,
                    "name",
                    "must be text in quotes, was " + value.replaceAll("\\p{Cntrl}", " ") + " ("
                            + name.getClass().getSimpleName() + ")",
                    Math.max(line, 0)));
        }
        return new StageDeclaration(name == null ? null : name.toString(), arguments, line);
    }

    /** A declaration whose Jenkinsfile line is unknown. */
    public StageDeclaration(String name, Map<String, ?> arguments) {
        this(name, arguments, 0);
    }
}
