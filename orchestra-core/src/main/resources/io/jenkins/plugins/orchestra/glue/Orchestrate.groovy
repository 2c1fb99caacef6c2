package io.jenkins.plugins.orchestra.glue

/**
 * The `orchestrate { stage('b', needs: ['a']) { … } }` block of a Jenkinsfile, shared unchanged by the Jenkins plugin
 * and the local runner. It only wires: it collects the stage declarations, hands them to the host's coordinator
 * (`orchestraPlan`), runs one real `parallel` branch per stage, and in each branch does what the coordinator says
 * (`orchestraAwait`): run the stage inside the real `stage` step, evaluate its condition, ask for approval with
 * `input`, roll it back, or mark it skipped; and reports back (`orchestraReport`).
 *
 * CPS-safe: between steps it holds only strings, numbers, lists, maps and closures of the Jenkinsfile; the host's
 * objects never cross a step boundary. The host steps take named arguments only, since Jenkins' DSL refuses more than
 * one positional argument. Approvals use the `input` step, so Jenkins and the runner ask the same way.
 * `CpsGlueTest` (orchestra-runner) runs it under groovy-cps, saving and restoring the program at every step.
 */
class Orchestrate implements Serializable {
    private static final long serialVersionUID = 1L

    private final def script

    Orchestrate(script) {
        this.script = script
    }

    def call(Closure body) {
        call([:], body)
    }

    def call(Map options, Closure body) {
        List declarations = collect(body)
        List described = []
        for (int i = 0; i < declarations.size(); i++) {
            described.add(describe(declarations[i]))
        }
        String runId = script.orchestraPlan(options: options ?: [:], stages: described)
        Map branches = [:]
        for (int i = 0; i < declarations.size(); i++) {
            Map declaration = declarations[i]
            branches[declaration.name] = { runBranch(runId, declaration) }
        }
        script.parallel(branches)
        return script.orchestraFinish(run: runId)
    }

    /**
     * Runs the block with a collector as its delegate: each `stage(name, args) { body }` is one declaration. The
     * block's own delegate is set, not a copy's: under CPS a copy made by `rehydrate` or `clone` still resolves calls
     * through the original closure (groovy-cps issue 28), so `stage` would reach the real step. Afterwards the block
     * resolves as before, so a `stage` nested in a stage body is the real step again, not a late declaration.
     */
    private List collect(Closure body) {
        StageCollector collector = new StageCollector()
        def delegate = body.delegate
        int strategy = body.resolveStrategy
        body.delegate = collector
        body.resolveStrategy = Closure.DELEGATE_FIRST
        try {
            body.call()
        } finally {
            body.resolveStrategy = strategy
            body.delegate = delegate
        }
        return collector.declarations
    }

    /** What the host's plan parser reads: closures become markers, a condition its text. */
    private static Map describe(Map declaration) {
        Map args = [:]
        for (Map.Entry entry : declaration.args.entrySet()) {
            def k = entry.key
            def v = entry.value
            if (k == 'rollback') {
                args[k] = v != null && v != false
            } else if (k == 'when' && v instanceof Closure) {
                args[k] = [condition: conditionText(declaration)]
            } else if (k == 'when' && v instanceof Map && v.condition instanceof Closure) {
                Map when = [:]
                when.putAll(v)
                when.condition = conditionText(declaration)
                args[k] = when
            } else {
                args[k] = v
            }
        }
        return [name: declaration.name, args: args, line: declaration.line]
    }

    private static String conditionText(Map declaration) {
        return declaration.line > 0 ? "the when condition on line ${declaration.line}" : 'the when condition'
    }

    private void runBranch(String runId, Map declaration) {
        String name = declaration.name
        while (true) {
            Map command = script.orchestraAwait(run: runId, stage: name)
            String what = command.command
            if (what == 'done') {
                return
            } else if (what == 'start') {
                runStage(runId, declaration, command)
            } else if (what == 'skip') {
                script.stage(name) {
                    script.orchestraSkipped(run: runId, stage: name, reason: command.reason)
                }
            } else if (what == 'evaluate') {
                boolean passed = false
                String detail = ''
                try {
                    passed = evaluate(declaration, command.inputs)
                } catch (Throwable e) {
                    detail = "the condition threw ${e}"
                }
                script.orchestraReport(run: runId, stage: name,
                        report: [outcome: 'condition', passed: passed, detail: detail])
            } else if (what == 'approve') {
                approve(runId, name, command)
            } else if (what == 'rollback') {
                try {
                    Closure rollback = declaration.args.rollback
                    if (rollback.maximumNumberOfParameters > 0) {
                        rollback.call(command.outputs)
                    } else {
                        rollback.call()
                    }
                    script.orchestraReport(run: runId, stage: name, report: [outcome: 'rolledBack'])
                } catch (Throwable e) {
                    script.orchestraReport(run: runId, stage: name, report: [outcome: 'rollbackFailed', error: e])
                }
            }
        }
    }

    private void runStage(String runId, Map declaration, Map command) {
        String name = declaration.name
        try {
            def outputs = null
            script.stage(name) {
                if (command.timeoutMillis) {
                    script.timeout(time: command.timeoutMillis, unit: 'MILLISECONDS') {
                        outputs = callBody(declaration.body, command.inputs)
                    }
                } else {
                    outputs = callBody(declaration.body, command.inputs)
                }
            }
            Map published = outputs instanceof Map ? outputs : [:]
            script.orchestraReport(run: runId, stage: name, report: [outcome: 'success', outputs: published])
        } catch (Throwable e) {
            script.orchestraReport(run: runId, stage: name, report: [outcome: 'failure', error: e])
        }
    }

    private static def callBody(Closure body, Map inputs) {
        return body.maximumNumberOfParameters > 0 ? body.call(inputs) : body.call()
    }

    private static boolean evaluate(Map declaration, Map inputs) {
        def when = declaration.args.when
        Closure condition = when instanceof Closure ? when : when.condition
        def value = condition.maximumNumberOfParameters > 0 ? condition.call(inputs) : condition.call()
        return value as boolean
    }

    private void approve(String runId, String name, Map command) {
        String approver = null
        try {
            def answer = script.input(id: name, message: command.message, ok: 'Approve', submitter: command.submitter,
                    submitterParameter: 'orchestraApprover')
            approver = answer instanceof Map ? answer.orchestraApprover : answer
            script.orchestraReport(run: runId, stage: name, report: [outcome: 'approved', approver: approver])
        } catch (Throwable e) {
            script.orchestraReport(run: runId, stage: name, report: [outcome: 'rejected', error: e])
        }
    }
}

/** Collects the `stage(…)` calls of an `orchestrate` block. */
class StageCollector implements Serializable {
    private static final long serialVersionUID = 1L

    List declarations = []

    // The name is untyped so that a name of another type is a declaration the plan refuses, naming its line, rather
    // than a call the collector does not take (which would reach the real stage step and leave the plan).
    def stage(name, Closure body) {
        stage([:], name, body)
    }

    def stage(Map args, name, Closure body) {
        def text = name instanceof CharSequence ? name.toString() : name
        declarations.add([name: text, args: args ?: [:], body: body, line: callerLine()])
        return null
    }

    /**
     * The Jenkinsfile line of the `stage(…)` call, from the stack trace of a new Throwable. Not `@NonCPS`: under CPS
     * the JVM stack holds only the interpreter, and groovy-cps writes the script's own frames into a Throwable made in
     * CPS-transformed code; without CPS the trace is the JVM stack, which holds the script's frames anyway.
     */
    private static int callerLine() {
        return lineIn(new Throwable().stackTrace)
    }

    @NonCPS
    private static int lineIn(StackTraceElement[] frames) {
        StackTraceElement frame = frames.find { it.fileName == 'WorkflowScript' && it.lineNumber > 0 }
        return frame == null ? 0 : frame.lineNumber
    }
}
