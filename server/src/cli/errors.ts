/** Exit codes: 0 clean, 1 the checklist fails the check, 2 the CLI could not do its job, 3 a bug. */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

/** An error the user can act on; `message` says what happened and what to do. Exit code 2. */
export class CliError extends Error {
  readonly exitCode: number = EXIT.usage;
}

/** Wrong command line: printed with a pointer to `--help`. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** The input (file, repository, revision, git itself) is not usable. */
export class InputError extends CliError {}
