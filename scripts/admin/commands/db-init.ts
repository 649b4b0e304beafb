// Relative imports: scripts/db-init.ts (built by plain tsc, without path aliases) runs this too.
import { ensureDatabase, installMessageDb, redactConnectionString, shippedMessageDbVersion } from '../../../libs/store/src/message-db';
import { AdminCommand } from '../command';
import { AdminError, EXIT } from '../errors';

export interface DatabaseInit {
  readonly database: string;
  readonly created: boolean;
  readonly installed: boolean;
  readonly version: string;
}

/**
 * Creates the database at `url` when missing and installs Message DB, our notification trigger, the checkpoint and
 * parked-stream tables (idempotent). Fails (exit 1) when another Message DB version is there.
 */
export async function initDatabase(url: string, log: (line: string) => void): Promise<DatabaseInit> {
  log(`Database: ${redactConnectionString(url)}`);
  const { created } = await ensureDatabase(url);
  log(created ? 'Created the database' : 'The database exists');
  const shipped = shippedMessageDbVersion();
  const result = await installMessageDb(url, log);
  if (result.version !== shipped) {
    throw new AdminError(EXIT.failed, `Message DB ${result.version} found where ${shipped} is expected: nothing installed`);
  }
  return { database: redactConnectionString(url), created, installed: result.installed, version: result.version };
}

export function describeInit({ installed, version }: DatabaseInit): string {
  return installed ? `Done: Message DB ${version} installed` : `Done: Message DB ${version} was already installed`;
}

const dbInit: AdminCommand = {
  words: ['db', 'init'],
  args: '',
  summary: 'creates the database when missing and installs Message DB and the checkpoint and parked-stream tables',
  arity: [0, 0],
  async run(context) {
    const lines: string[] = [];
    const result = await initDatabase(context.settings.databaseUrl, (line) => lines.push(line));
    return { message: [...lines, describeInit(result)].join('\n'), data: { ...result, log: lines } };
  },
};

export const DB_COMMANDS: readonly AdminCommand[] = [dbInit];
