package io.jenkins.plugins.orchestra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class-data archive of the runner (AppCDS), recorded from {@code orchestra warm-up} as {@code ./orchestra} records
 * its own.
 *
 * @param commands how it was recorded, one JVM after the other
 * @param millis how long recording it took
 */
record Archive(Kind kind, Path file, long bytes, double millis, List<List<String>> commands) {

    enum Kind {
        /**
         * {@code -XX:ArchiveClassesAtExit}: the classes the run loaded, on top of the JDK's own archive. Java 17 leaves
         * out classes older than Java 6's format (all of picocli's) and some of Groovy's.
         */
        DYNAMIC,
        /**
         * {@code -XX:DumpLoadedClassList}, then {@code -Xshare:dump}: every class in the list, the JDK's too, in one
         * archive that replaces the JDK's. A JVM that refuses it runs with no archive at all.
         */
        STATIC
    }

    static Archive record(Kind kind, StartupLayout layout, Path work) throws IOException, InterruptedException {
        Path file = work.resolve(kind.name().toLowerCase(java.util.Locale.ROOT) + ".jsa");
        List<List<String>> commands = new ArrayList<>();
        if (kind == Kind.DYNAMIC) {
            commands.add(java(
                    layout,
                    "-XX:ArchiveClassesAtExit=" + file,
                    "-Xlog:cds*=off",
                    "-cp",
                    cp(layout),
                    main(),
                    "warm-up"));
        } else {
            Path classes = work.resolve("classes.lst");
            commands.add(java(layout, "-XX:DumpLoadedClassList=" + classes, "-cp", cp(layout), main(), "warm-up"));
            commands.add(java(
                    layout,
                    "-Xshare:dump",
                    "-XX:SharedClassListFile=" + classes,
                    "-XX:SharedArchiveFile=" + file,
                    "-cp",
                    cp(layout)));
        }
        long start = System.nanoTime();
        for (List<String> command : commands) {
            ColdLaunch.run(command, work, work.resolve("archive.err"), true);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IllegalStateException("this JVM recorded no " + kind + " class-data archive; see " + work);
        }
        return new Archive(kind, file, Files.size(file), millis, commands);
    }

    /** The options that start a JVM with this archive, silently without it if the JVM refuses it. */
    List<String> options() {
        return List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds*=off");
    }

    private static String cp(StartupLayout layout) {
        return layout.runnerClassPath();
    }

    private static String main() {
        return StartupBench.MAIN;
    }

    private static List<String> java(StartupLayout layout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(layout.java().toString());
        command.addAll(List.of(args));
        return command;
    }
}
