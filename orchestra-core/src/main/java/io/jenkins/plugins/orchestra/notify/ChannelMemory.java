package io.jenkins.plugins.orchestra.notify;

import java.util.Map;

/**
 * What one channel keeps for the length of a run, across {@code notify} calls and a resume: Slack keeps the thread it
 * posts a run's messages in. Plain texts, saved at once; never secrets.
 */
public interface ChannelMemory {
    /** What was saved, empty if nothing. */
    Map<String, String> get();

    /** Replaces what is saved, and saves it before returning. */
    void put(Map<String, String> values);
}
