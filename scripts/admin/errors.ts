/** Exit codes a script can branch on. */
export const EXIT = {
  ok: 0,
  /** The operation ran and failed (a retry still failing, the database refusing). */
  failed: 1,
  /** Bad input: unknown command, missing or malformed argument, missing setting. */
  usage: 2,
  /** Refused: a reactor of the processor is live (pass --force to do it anyway). */
  refused: 3,
  /** What was named does not exist (processor, stream, parked stream). */
  notFound: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as its message alone, exiting with `exitCode`. */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new AdminError(EXIT.usage, message);
export const notFound = (message: string) => new AdminError(EXIT.notFound, message);
