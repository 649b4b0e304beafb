import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { withDatabase } from '../../../libs/store/src/message-db/connection';
import { TEST_SERVER_URL_VARIABLE, dropDatabase, uniqueDatabaseName } from '../../support/database';
import { adminOn } from './run-admin';

const ROOT = path.resolve(__dirname, '../../..');
const run = promisify(execFile);

/** `npm run admin -- …` as an operator runs it: exit code, stdout and stderr of the real process. */
async function npmAdmin(args: string[], environment: Record<string, string | undefined>) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'admin', '--', ...args], { cwd: ROOT, env: { ...process.env, ...environment } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('admin CLI: db init, as a process', () => {
  const serverUrl = process.env[TEST_SERVER_URL_VARIABLE]!;
  const name = uniqueDatabaseName('admin');
  const url = withDatabase(serverUrl, name);

  afterAll(() => dropDatabase(serverUrl, name));

  it('creates the database and installs Message DB with the checkpoint and parked-stream tables, then changes nothing', async () => {
    const first = await npmAdmin(['db', 'init'], { DATABASE_URL: url });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('Created the database');
    expect(first.stdout).toContain('Created public.propulsion_parked_stream');
    expect(first.stdout).toMatch(/Done: Message DB [\d.]+ installed/);

    const again = await adminOn(url)('db', 'init', '--json');
    expect(again.json()).toMatchObject({ created: false, installed: false });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT to_regclass('public.propulsion_parked_stream') IS NOT NULL AS parked, to_regclass('public.propulsion_checkpoint') IS NOT NULL AS checkpoints`);
      expect(rows[0]).toEqual({ parked: true, checkpoints: true });
    } finally {
      await client.end();
    }
  });

  it('exits 2 with the reason when DATABASE_URL is missing, 0 with the usage for --help', async () => {
    const missing = await npmAdmin(['checkpoints', 'list'], { DATABASE_URL: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('DATABASE_URL is not set');
    const help = await adminOn(url)('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Exit codes: 0 ok, 1 failed, 2 bad input, 3 refused');
  });
});
