package io.jenkins.plugins.orchestra.runner.library;

import io.jenkins.plugins.orchestra.OrchestraException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A library the Jenkinsfile asks for cannot be used: it was not given on the command line, its folder is missing or
 * is no library, a resource is not there. Jenkins' own words where Jenkins has them, and what to do about it.
 */
public final class LibraryException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    private LibraryException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    /** {@code @Library} names libraries that were not given: Jenkins' message, and the option that gives them. */
    static LibraryException notDefined(Collection<String> names) {
        return new LibraryException(
                "Could not find any definition of libraries " + names + "; run with " + options(names));
    }

    /** The {@code library} step names a library that was not given. */
    static LibraryException noLibraryNamed(String name) {
        return new LibraryException(
                "No library named " + name + " found; run with " + options(java.util.List.of(name)));
    }

    static LibraryException noFolder(LocalLibrary library) {
        return new LibraryException("Library " + library.name() + ": no such folder " + library.folder());
    }

    static LibraryException notALibrary(LocalLibrary library) {
        return new LibraryException("Library " + library.name()
                + " expected to contain at least one of src or vars directories, in " + library.folder());
    }

    static LibraryException noSuchResource(String resource) {
        return new LibraryException("No such library resource " + resource + " could be found.");
    }

    static LibraryException ambiguousResource(String resource, Collection<String> libraries) {
        return new LibraryException("Library resource " + resource + " ambiguous among libraries " + libraries);
    }

    static LibraryException resourceOutside(String resource, String library) {
        return new LibraryException(
                resource + " references a file that is not contained within the library: " + library);
    }

    static LibraryException noSuchClass(String className) {
        return new LibraryException("No class " + className + " in the loaded libraries");
    }

    private static String options(Collection<String> names) {
        return names.stream().map(n -> "--library " + n + "=PATH").collect(Collectors.joining(" "));
    }
}
