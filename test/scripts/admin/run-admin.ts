import { runAdmin } from '../../../scripts/admin/cli';

export interface AdminRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** stdout parsed (for --json runs). */
  json<T = any>(): T;
}

/** Runs the admin CLI in-process against `databaseUrl` (plus `environment`), capturing its output and exit code. */
export function adminOn(databaseUrl: string, environment: Record<string, string> = {}) {
  return async (...argv: string[]): Promise<AdminRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(argv, { DATABASE_URL: databaseUrl, ...environment }, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n'), json: () => JSON.parse(out.join('\n')) };
  };
}
