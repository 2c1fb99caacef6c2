package io.jenkins.plugins.orchestra.runner.script;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Accepted on Jenkinsfile methods as Jenkins accepts it. Jenkins runs such methods outside its continuation-passing
 * interpreter; the runner runs all code directly, so the annotation changes nothing here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface NonCPS {}
