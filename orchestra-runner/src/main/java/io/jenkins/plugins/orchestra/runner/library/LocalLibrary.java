package io.jenkins.plugins.orchestra.runner.library;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A shared library in a folder of this machine, given as {@code --library name=path}. Whether the folder exists and
 * is a library is checked when the Jenkinsfile loads it, so that the error can name the Jenkinsfile's line.
 *
 * @param name the name {@code @Library} and the {@code library} step use
 * @param folder the folder holding {@code vars/}, {@code src/} and {@code resources/}; made absolute
 */
public record LocalLibrary(String name, Path folder) {
    private static final Pattern NAME = Pattern.compile("[^@\\s]+");

    public LocalLibrary {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("library name must be a word without '@' or spaces, was '" + name + "'");
        }
        if (folder == null) {
            throw new IllegalArgumentException("library folder of " + name + " must be given, was null");
        }
        folder = folder.toAbsolutePath().normalize();
    }
}
