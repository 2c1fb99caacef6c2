package com.acme

/** Jenkins' idiom for a class that runs steps: it is given the script, new Notifier(this), and calls them on it. */
class Notifier implements Serializable {
    private final def script

    Notifier(script) {
        this.script = script
    }

    void announce(String message) {
        script.echo "[acme] ${message}"
        script.sh "echo announced by ${script.env.JOB_NAME ?: 'a local run'}"
    }
}
