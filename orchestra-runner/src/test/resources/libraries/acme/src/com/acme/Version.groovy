package com.acme

import com.cloudbees.groovy.cps.NonCPS

/** A release version: the same class for the Jenkinsfile and the library's variables. */
class Version implements Serializable {
    static final String SCHEME = 'semver'

    final String text

    static Version parse(String text) {
        new Version(text.trim())
    }

    Version(String text) {
        this.text = text
    }

    String tag() {
        "v${text}"
    }

    @NonCPS
    @Override
    String toString() {
        text
    }
}
