import { runAdmin } from './cli';

/** The admin CLI's entry: `npm run admin -- <command>` (in the image: `node dist/admin/main.js <command>`). */
runAdmin(process.argv.slice(2), process.env, {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`admin: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
