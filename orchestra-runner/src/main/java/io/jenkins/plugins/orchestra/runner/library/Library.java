package io.jenkins.plugins.orchestra.runner.library;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * {@code @Library('name') _}, {@code @Library('name@version') _}, {@code @Library(['a', 'b']) _} or
 * {@code @Library('name') import com.example.Foo}: loads shared libraries before the Jenkinsfile is compiled. Imported
 * into every Jenkinsfile, as Jenkins imports its own; the runner reads it from the syntax tree, so it is never kept.
 */
@Retention(RetentionPolicy.SOURCE)
public @interface Library {
    /** Library names, each optionally followed by {@code @} and a version. */
    String[] value();
}
