/** Where the change-feed machinery reports. Console satisfies it; a Nest Logger can be adapted in one line. */
export interface FeedLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: FeedLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
