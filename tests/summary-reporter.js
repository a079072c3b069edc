// Mocha's spec reporter plus, at the end, the time each spec file took (slowest first, its hooks
// included: cluster starts, stack setup) and one closing line in the plain "N passed, N failed"
// form that CI reads, whatever suites ran.
"use strict";
const path = require("path");
const Mocha = require("mocha");
const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END } = Mocha.Runner.constants;

class SpecWithSummary extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        const started = new Map();
        const perFile = new Map();
        runner.on(EVENT_SUITE_BEGIN, (suite) => {
            if (suite.file && suite.parent && suite.parent.root) started.set(suite, Date.now());
        });
        runner.on(EVENT_SUITE_END, (suite) => {
            if (!started.has(suite)) return;
            const file = path.relative(process.cwd(), suite.file);
            perFile.set(file, (perFile.get(file) || 0) + Date.now() - started.get(suite));
        });
        runner.once(EVENT_RUN_END, () => {
            const s = runner.stats;
            if (perFile.size > 1) {
                const rows = [...perFile].sort((a, b) => b[1] - a[1]);
                process.stdout.write("\nseconds per spec file:\n" +
                    rows.map(([file, ms]) => `${(ms / 1000).toFixed(1).padStart(8)}  ${file}\n`).join(""));
            }
            process.stdout.write(`\ntests: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
        });
    }
}
module.exports = SpecWithSummary;
