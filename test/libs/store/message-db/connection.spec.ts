import pg from 'pg';
import { createPool, redactConnectionString } from '@app/store/message-db';
import { createTestDatabase, TestDatabase } from '../../../support/database';

describe('createPool', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { applicationName: 'connection-spec', statementTimeoutMillis: 1500 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it("puts message_store first on every connection's search path, so Message DB's unqualified calls resolve", async () => {
    const clients = await Promise.all([pool.connect(), pool.connect()]);
    try {
      for (const client of clients) {
        expect((await client.query('SHOW search_path')).rows).toEqual([{ search_path: 'message_store,public' }]);
        await expect(client.query(`SELECT stream_version('Any-1') AS version`)).resolves.toMatchObject({ rows: [{ version: null }] });
      }
    } finally {
      for (const client of clients) client.release();
    }
  });

  it('keeps options already in the connection string', async () => {
    const withOptions = createPool(`${database.url}?options=${encodeURIComponent('-c lock_timeout=1234')}`);
    try {
      const { rows } = await withOptions.query(`SELECT current_setting('lock_timeout') AS lock, current_setting('search_path') AS path`);
      expect(rows).toEqual([{ lock: '1234ms', path: 'message_store,public' }]);
    } finally {
      await withOptions.end();
    }
  });

  it('applies the application name and statement timeout', async () => {
    const { rows } = await pool.query(`SELECT current_setting('application_name') AS name, current_setting('statement_timeout') AS timeout`);
    expect(rows).toEqual([{ name: 'connection-spec', timeout: '1500ms' }]);
  });

  it('reads bigints as numbers, and refuses one a number cannot hold', async () => {
    const { rows } = await pool.query(`SELECT 9007199254740991::bigint AS largest, -5::bigint AS negative`);
    expect(rows).toEqual([{ largest: Number.MAX_SAFE_INTEGER, negative: -5 }]);
    await expect(pool.query(`SELECT 9007199254740993::bigint AS beyond`)).rejects.toThrow(RangeError);
  });

  it('reads timestamps without time zone as UTC', async () => {
    const { rows } = await pool.query(`SELECT '2024-02-29 23:59:58.123456'::timestamp AS at, '1999-12-31 00:00:00'::timestamp AS midnight`);
    expect(rows[0].at.toISOString()).toBe('2024-02-29T23:59:58.123Z');
    expect(rows[0].midnight.toISOString()).toBe('1999-12-31T00:00:00.000Z');
  });

  it("leaves pg's global type parsers alone", async () => {
    const plain = new pg.Client({ connectionString: database.url });
    await plain.connect();
    try {
      expect((await plain.query(`SELECT 7::bigint AS n`)).rows).toEqual([{ n: '7' }]);
    } finally {
      await plain.end();
    }
  });
});

describe('redactConnectionString', () => {
  it.each([
    ['postgres://app:s3cret@db.example:5432/hotel', 'postgres://app:***@db.example:5432/hotel'],
    ['postgres://db.example/hotel?password=s3cret&sslmode=require', 'postgres://db.example/hotel?password=***&sslmode=require'],
    ['postgres://app@db.example/hotel', 'postgres://app@db.example/hotel'],
    ['host=db.example password=s3cret dbname=hotel', 'host=db.example password=*** dbname=hotel'],
  ])('%s → %s', (url, redacted) => {
    expect(redactConnectionString(url)).toBe(redacted);
  });
});

it('asks for a URL when given anything else', () => {
  expect(() => createPool('host=db.example password=s3cret')).toThrow('Not a postgres:// URL: host=db.example password=***');
});
