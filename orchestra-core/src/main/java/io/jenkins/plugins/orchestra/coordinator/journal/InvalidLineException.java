package io.jenkins.plugins.orchestra.coordinator.journal;

/** A journal line that is not what it should be; the reader adds the file and line number. */
final class InvalidLineException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean notJson;

    private InvalidLineException(String message, boolean notJson) {
        super(message, null, false, false);
        this.notJson = notJson;
    }

    /** The line is not a JSON object at all, as a line cut short by a crash is not. */
    static InvalidLineException notJson(String why) {
        return new InvalidLineException(why, true);
    }

    /** The line is JSON but not a valid event or header. */
    static InvalidLineException invalid(String why) {
        return new InvalidLineException(why, false);
    }

    boolean isNotJson() {
        return notJson;
    }
}
