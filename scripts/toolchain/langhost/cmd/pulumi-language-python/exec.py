# Runs one Pulumi Python program for the canary-delivery language host.
#
# The host (run.go) starts `python -u -c <this file> <flags> PROGRAM [ARGS]`
# with the project's python (its virtualenv's, when one is configured). It is
# our own stand-in for upstream's `pulumi-language-python-exec` script, which
# ships with the CLI release archive, not with the `pulumi` PyPI package.
#
# Contract with run.go:
#   flags      --monitor --engine --project --stack --organization
#              --root-directory --pwd --parallel --tracing [--dry-run]
#   env        PULUMI_CONFIG (JSON object), PULUMI_CONFIG_SECRET_KEYS (JSON list)
#   exit code  0 ok; 32 the error was already reported to the engine; else failed.

import argparse
import asyncio
import logging
import os
import runpy
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

ALREADY_REPORTED = 32


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="pulumi-language-python (exec)")
    for flag in ("monitor", "engine", "project", "stack", "organization",
                 "root-directory", "pwd", "tracing"):
        parser.add_argument("--" + flag)
    parser.add_argument("--parallel", type=int, default=0)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("program")
    parser.add_argument("program_args", nargs=argparse.REMAINDER)
    return parser.parse_args(argv)


def import_sdk():
    try:
        import pulumi  # noqa: F401
        import pulumi.runtime  # noqa: F401
    except ImportError:
        traceback.print_exc()
        sys.stderr.write(
            "\nThe Pulumi SDK (the `pulumi` package) cannot be imported by %s.\n"
            "Install the program's requirements into that environment, for example with\n"
            "`pulumi install` or `python -m pip install -r requirements.txt`.\n" % sys.executable)
        sys.exit(1)
    return sys.modules["pulumi"]


def user_frames_only():
    """The current exception's traceback from the user's program down: the
    frames of this runner, the SDK's stack wrapper and runpy are noise. The
    program starts right after the last runpy frame."""
    exc_type, exc, tb = sys.exc_info()
    frames = traceback.extract_tb(tb)
    runpy_files = {runpy.__file__, "<frozen runpy>"}
    last = max((i for i, f in enumerate(frames) if f.filename in runpy_files), default=None)
    if last is None or last + 1 >= len(frames):
        return traceback.format_exc()
    return "".join(traceback.format_exception(exc_type, exc, tb, limit=last + 1 - len(frames)))


def main(argv):
    pulumi = import_sdk()
    runtime = pulumi.runtime
    args = parse_args(argv)

    runtime.set_all_config(runtime.get_config_env(), runtime.get_config_secret_keys_env())
    settings = runtime.Settings(
        monitor=args.monitor,
        engine=args.engine,
        project=args.project,
        stack=args.stack,
        parallel=args.parallel,
        dry_run=args.dry_run,
        organization=args.organization,
        root_directory=args.root_directory,
    )
    runtime.configure(settings)

    if args.pwd:
        os.chdir(args.pwd)
    program = os.path.abspath(args.program)
    sys.argv = [args.program] + list(args.program_args)
    # What `python <dir>` or `python <file>` would put first on sys.path.
    sys.path.insert(0, program if os.path.isdir(program) else os.path.dirname(program))

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # Blocking SDK calls run on the loop's default executor; size it after
    # the engine's parallelism (at least a few threads).
    executor = ThreadPoolExecutor(max_workers=max(args.parallel, 1) * 4)
    loop.set_default_executor(executor)
    # An abandoned dataflow graph (a failed resource, a failing apply) leaves
    # futures nobody awaited; asyncio would log each of them.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)

    def run_program():
        if os.path.isdir(program) and not os.path.isfile(os.path.join(program, "__main__.py")):
            pulumi.log.error("no __main__.py in %s: a Python program directory needs one "
                             "(or set `main:` in Pulumi.yaml to the file to run)" % program)
            sys.exit(ALREADY_REPORTED)
        runpy.run_path(program, run_name="__main__")

    code = 1
    try:
        loop.run_until_complete(runtime.run_in_stack(run_program))
        code = 0
    except pulumi.RunError as err:
        pulumi.log.error(str(err))
        code = ALREADY_REPORTED
    except SystemExit as err:
        # sys.exit() in the program: keep its meaning.
        if err.code is None or isinstance(err.code, int):
            code = err.code or 0
        else:
            sys.stderr.write("%s\n" % err.code)
            code = 1
    except Exception:  # noqa: BLE001 - every failure of the program ends here
        pulumi.log.error("Program failed with an unhandled exception:\n" + user_frames_only())
        code = ALREADY_REPORTED
    finally:
        executor.shutdown(wait=True)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    return code


sys.exit(main(sys.argv[1:]))
