// Who prints an argument error depends on the process the component runs in, and each reader
// prints a different part of a pulumi.InputPropertiesError:
// - a Pulumi program (TypeScript or JavaScript, an Automation API inline program, a test under
//   mocks): the Node.js runtime's uncaught-error handler prints the message alone (a RunError,
//   without a stack trace), so the message must list every problem;
// - the provider plugin (YAML, Python and Go programs): the provider server returns the error to
//   the engine, which prints the message and then a line per property error ("- property <path>
//   with value '<value>' has a problem: <reason>"), so a message that listed them too would show
//   every problem twice.

export type ErrorReader = "program" | "provider";

/**
 * The plugin runs under @pulumi/pulumi's plugin runner (`cmd/run-plugin`, which serves the package's
 * components), a program under `cmd/run` (or mocha, in tests): the process's main module says which.
 */
export function errorReaderOf(mainModule: string | undefined): ErrorReader {
    return mainModule !== undefined && /[\\/]cmd[\\/]run-plugin([\\/]|$)/.test(mainModule) ? "provider" : "program";
}

/** The reader of this process's argument errors. */
export function thisProcessErrorReader(): ErrorReader {
    return errorReaderOf(require.main?.filename ?? process.argv[1]);
}
