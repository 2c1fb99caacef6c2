package com.acme

/** A release version: the same class for the Jenkinsfile and the library's variables. */
class Version implements Serializable {
    final String text

    Version(String text) {
        this.text = text
    }

    String tag() {
        "v${text}"
    }

    @Override
    String toString() {
        text
    }
}
