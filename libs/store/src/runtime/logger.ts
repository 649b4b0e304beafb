/** What a log line is about, as fields a structured log shows apart from the message (a stream, its correlation id). */
export type LogFields = Readonly<Record<string, string | number | undefined>>;

/**
 * Where the change-feed machinery reports. Console satisfies it; a Nest logger through an adapter that keeps the
 * fields apart (feedLoggerOf in the nest layer).
 */
export interface FeedLogger {
  log(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
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
