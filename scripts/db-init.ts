import { ensureDatabase, installMessageDb, redactConnectionString, shippedMessageDbVersion } from '../libs/store/src/message-db';

/** `npm run db:init`: creates the database at DATABASE_URL when missing and installs Message DB in it. Exit 0/1. */
async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set. Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/message_store npm run db:init');
    return 1;
  }
  console.log(`Database: ${redactConnectionString(url)}`);
  const { created } = await ensureDatabase(url);
  console.log(created ? 'Created the database' : 'The database exists');
  const shipped = shippedMessageDbVersion();
  const result = await installMessageDb(url, (line) => console.log(line));
  if (result.version !== shipped) {
    console.error(`Message DB ${result.version} found where ${shipped} is expected: nothing installed`);
    return 1;
  }
  console.log(result.installed ? `Done: Message DB ${result.version} installed` : `Done: Message DB ${result.version} was already installed`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`db:init failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
