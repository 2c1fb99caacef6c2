package io.jenkins.plugins.orchestra.runner.library;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.ErrorCollector;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/**
 * The shared libraries of one Jenkinsfile: those given with {@code --library}, and those it has loaded with
 * {@code @Library} or the {@code library} step. As in Jenkins, a loaded library's {@code src/} joins the class path of
 * the Jenkinsfile's own class loader, so its classes are compiled with the same Groovy and are the same classes
 * everywhere, and each {@code vars/name.groovy} is compiled there into a global variable {@code name}.
 *
 * <p>Thread-safe: {@code parallel} branches may load libraries at the same time.
 */
public final class SharedLibraries {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final Map<String, LocalLibrary> definitions = new LinkedHashMap<>();
    private final Map<String, Loaded> loaded = new LinkedHashMap<>();
    private final Map<String, Class<?>> variables = new TreeMap<>();
    private GroovyClassLoader loader;

    public SharedLibraries(Collection<LocalLibrary> definitions) {
        definitions.forEach(d -> this.definitions.putIfAbsent(d.name(), d));
    }

    /**
     * A library the Jenkinsfile has loaded.
     *
     * @param version the version asked for, or {@code null}; a local folder has none, so it is only noted
     * @param variables the names of its {@code vars/*.groovy}
     */
    public record Loaded(String name, String version, Path folder, List<String> variables) {
        public Loaded {
            variables = List.copyOf(variables);
        }

        /** The build log's line, Jenkins' {@code Loading library name@version} with where it comes from. */
        public String announcement() {
            if (version == null) {
                return "Loading library " + name + " from " + folder;
            }
            return "Loading library " + name + "@" + version + " from " + folder + " (version " + version
                    + " ignored: a local library is used as it is)";
        }
    }

    /** Makes {@code config} read {@code @Library} annotations and accept them. */
    public void configure(CompilerConfiguration config) {
        config.addCompilationCustomizers(
                new ImportCustomizer().addImports(Library.class.getName()), new LibraryAnnotations(this));
    }

    /** The Jenkinsfile's class loader, which libraries are loaded into. */
    public synchronized void useClassLoader(GroovyClassLoader loader) {
        this.loader = loader;
    }

    /** The name in {@code name@version}. */
    public static String nameOf(String identifier) {
        int at = identifier.indexOf('@');
        return at < 0 ? identifier : identifier.substring(0, at);
    }

    synchronized boolean isDefined(String name) {
        return definitions.containsKey(name);
    }

    /**
     * Loads {@code name} or {@code name@version}: puts its {@code src/} on the class path and lists its variables,
     * which {@link #compileVariables()} compiles. Empty if the library is loaded already: the first load wins.
     */
    public synchronized Optional<Loaded> load(String identifier) {
        String name = nameOf(identifier);
        String version = identifier.length() > name.length() + 1 ? identifier.substring(name.length() + 1) : null;
        if (loaded.containsKey(name)) {
            return Optional.empty();
        }
        LocalLibrary library = definitions.get(name);
        if (library == null) {
            throw LibraryException.noLibraryNamed(name);
        }
        Path folder = library.folder();
        if (!Files.isDirectory(folder)) {
            throw LibraryException.noFolder(library);
        }
        Path src = folder.resolve("src");
        Path vars = folder.resolve("vars");
        if (!Files.isDirectory(src) && !Files.isDirectory(vars)) {
            throw LibraryException.notALibrary(library);
        }
        if (Files.isDirectory(src)) {
            loader.addClasspath(src.toString());
        }
        Loaded added = new Loaded(name, version, folder, variableNames(vars));
        loaded.put(name, added);
        return Optional.of(added);
    }

    private static List<String> variableNames(Path vars) {
        if (!Files.isDirectory(vars)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(vars)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".groovy"))
                    .map(f -> f.substring(0, f.length() - ".groovy".length()))
                    .filter(n -> IDENTIFIER.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles the variables of the loaded libraries that are not compiled yet, all of them, so that an error in any
     * shows before the Jenkinsfile runs.
     *
     * @throws MultipleCompilationErrorsException with the errors of every file that does not compile
     */
    public synchronized void compileVariables() {
        ErrorCollector errors = null;
        for (Loaded library : loaded.values()) {
            for (String name : library.variables()) {
                if (variables.containsKey(name)) {
                    continue;
                }
                Path file = library.folder().resolve("vars").resolve(name + ".groovy");
                try {
                    variables.put(name, loader.parseClass(new GroovyCodeSource(file.toFile(), "UTF-8")));
                } catch (MultipleCompilationErrorsException e) {
                    if (errors == null) {
                        errors = new ErrorCollector(new CompilerConfiguration());
                    }
                    errors.addCollectorContents(e.getErrorCollector());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (errors != null) {
            throw new MultipleCompilationErrorsException(errors);
        }
    }

    public synchronized List<Loaded> loaded() {
        return List.copyOf(loaded.values());
    }

    public synchronized Optional<Loaded> loaded(String name) {
        return Optional.ofNullable(loaded.get(name));
    }

    /** The class of global variable {@code name}, if a loaded library has it. */
    public synchronized Optional<Class<?>> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    public synchronized Set<String> variableNames() {
        return new TreeSet<>(variables.keySet());
    }

    /**
     * The file of {@code libraryResource(resource)}: {@code resources/<resource>} of the one loaded library that has
     * it.
     */
    public synchronized Path resource(String resource) {
        Map<String, Path> found = new TreeMap<>();
        for (Loaded library : loaded.values()) {
            Path root = library.folder().resolve("resources");
            Path file = root.resolve(resource).normalize();
            if (!file.startsWith(root)) {
                throw LibraryException.resourceOutside(resource, library.name());
            }
            if (Files.isRegularFile(file)) {
                found.put(library.name(), file);
            }
        }
        if (found.isEmpty()) {
            throw LibraryException.noSuchResource(resource);
        }
        if (found.size() > 1) {
            throw LibraryException.ambiguousResource(resource, found.keySet());
        }
        return found.values().iterator().next();
    }

    /**
     * What the {@code library} step returns: {@code library('acme').com.acme.Version.new('1.0')} reaches the classes
     * of the libraries loaded, as in Jenkins.
     */
    public Object classes() {
        return new LibraryClasses(this, "", null);
    }

    synchronized Class<?> loadClass(String className) {
        try {
            return loader.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw LibraryException.noSuchClass(className);
        }
    }
}
