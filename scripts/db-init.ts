import { describeInit, initDatabase } from './admin/commands/db-init';

/** `npm run db:init` (the compose file's db-init): the admin CLI's `db init` on DATABASE_URL. Exit 0/1. */
async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set. Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/message_store npm run db:init');
    return 1;
  }
  const result = await initDatabase(url, (line) => console.log(line));
  console.log(describeInit(result));
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
