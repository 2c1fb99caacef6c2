package io.jenkins.plugins.orchestra.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the runner is, laid out as the {@code ./orchestra} wrapper runs it: the module jar and {@code target/lib}.
 *
 * @param root the repository root, which holds the wrapper
 * @param java the {@code java} of this JVM, which the fresh JVMs run too
 * @param runnerJar {@code orchestra-runner/target/orchestra-runner-*.jar}
 * @param runnerLib {@code orchestra-runner/target/lib}, the runner's dependencies
 * @param groovyJar Groovy 2.4.21 in that directory, for the bare Groovy baseline
 * @param benchClasses where this class was loaded from (a jar or a directory), for the phase timings
 */
record StartupLayout(Path root, Path java, Path runnerJar, Path runnerLib, Path groovyJar, Path benchClasses) {

    /** The layout of the repository that holds {@code start}, or one of its parents. */
    static StartupLayout find(Path start) throws IOException {
        Path root = start.toAbsolutePath().normalize();
        while (root != null
                && !(Files.isRegularFile(root.resolve("orchestra"))
                        && Files.isDirectory(root.resolve("orchestra-runner")))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IOException("no Orchestra repository (with ./orchestra and orchestra-runner/) at or above "
                    + start.toAbsolutePath().normalize());
        }
        Path target = root.resolve("orchestra-runner/target");
        Path jar = target.resolve("orchestra-runner-0.1.0-SNAPSHOT.jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IOException("the runner is not packaged: no " + jar + " or " + lib
                    + "; run `mvn -B -q install -DskipTests` at " + root);
        }
        Path groovy;
        try (Stream<Path> jars = Files.list(lib)) {
            groovy = jars.filter(p -> p.getFileName().toString().matches("groovy-2\\.4\\.\\d+\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no groovy-2.4.x jar in " + lib));
        }
        Path bench;
        try {
            bench = Path.of(StartupLayout.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return new StartupLayout(
                root, Path.of(System.getProperty("java.home"), "bin", "java"), jar, lib, groovy, bench);
    }

    /** The class path {@code ./orchestra} gives the runner: its jar, then every jar in {@code lib}. */
    String runnerClassPath() {
        return runnerJar + File.pathSeparator + runnerLib + File.separator + "*";
    }

    Path wrapper() {
        return root.resolve("orchestra");
    }

    /** The class-data archive the wrapper records and uses. */
    Path wrapperArchive() {
        return runnerJar.resolveSibling("orchestra.jsa");
    }
}
