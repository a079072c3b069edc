#!/usr/bin/env node
// `npx canary-delivery ...`: see run.ts, and `canary-delivery --help`.
import { run } from "./run";

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => { process.exitCode = code; },
    (err: Error) => {
        process.stderr.write(`canary-delivery: ${err.stack ?? err.message}\n`);
        process.exitCode = 1;
    },
);
