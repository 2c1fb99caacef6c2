/**
 * The journal of a run: its {@link io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent events} appended to a
 * file as JSON lines, so that a run stopped by a crash or a restart resumes where it was.
 *
 * <p>A journal is a header line naming the plan, then one line per event, each written whole and flushed before the
 * coordinator moves on. {@link io.jenkins.plugins.orchestra.coordinator.journal.JournalWriter} writes it, {@link
 * io.jenkins.plugins.orchestra.coordinator.journal.JournalReader} reads it back (tolerating a last line cut short by
 * a crash), and {@link io.jenkins.plugins.orchestra.coordinator.journal.Journals} puts the two together for hosts.
 */
package io.jenkins.plugins.orchestra.coordinator.journal;
