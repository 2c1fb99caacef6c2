/**
 * Runs real processes the way Jenkins' {@code sh} step does, safely enough for a CI system: {@link
 * io.jenkins.plugins.orchestra.process.ShellRunner} runs a {@link io.jenkins.plugins.orchestra.process.ShellScript} as
 * {@code /bin/sh -xe script.sh}, streams its output line by line through a filter (the secret masker) to an {@link
 * io.jenkins.plugins.orchestra.process.OutputSink}, and stops it on timeout, on {@link
 * io.jenkins.plugins.orchestra.process.Cancellation} or on interruption by killing its whole process tree.
 *
 * <h2>How a script runs</h2>
 *
 * The script is written to {@code script.sh} in a fresh private temporary directory, beside the file its output goes
 * to, as the durable-task plugin does; the directory is deleted when the call returns. Output is read from that file
 * as it grows (a few milliseconds of latency), not from a pipe, so a background process that keeps its output open
 * after the script ends cannot hang the call, and it cannot be blocked or killed by a full or closed pipe either: what
 * it writes after the script has ended is simply not shown.
 *
 * <h2>Which processes are killed</h2>
 *
 * On timeout or abort every process of the script receives {@code SIGTERM}, and whatever still runs after the grace
 * period {@code SIGKILL}. A process belongs to the script when it is
 *
 * <ul>
 *   <li>a descendant of the shell (found before any signal is sent, then found again while waiting);
 *   <li>in the shell's session or process group: on Linux the shell is started through {@code setsid}, so background
 *       jobs and double-forked daemons stay in it;
 *   <li>or, on Linux, carries the run's private cookie in its environment ({@value
 *       io.jenkins.plugins.orchestra.process.ShellRunner#COOKIE_VARIABLE}), as Jenkins' process-tree killer does with
 *       {@code BUILD_ID}: this catches processes that started a session of their own.
 * </ul>
 *
 * <p>Limits: a process that both leaves the session ({@code setsid}) and clears its environment ({@code env -i}) is
 * not found; neither are processes run for the script by another service (a container started through the Docker
 * daemon, a {@code systemd-run} unit). On systems without {@code /proc} and {@code setsid} (macOS) only descendants are
 * found. A process stuck in the kernel (state {@code D}) can survive {@code SIGKILL}; it is named in the output.
 * Background processes still running when a script ends normally are left alone, as in a Jenkins build.
 */
package io.jenkins.plugins.orchestra.process;
