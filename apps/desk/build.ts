// Builds the front-desk page (apps/desk/src) into static files the API serves at /desk/: type-checks it first (esbuild
// does not), so a page that no longer matches the API's generated types fails the build, then bundles it with esbuild.
// `npm run build:desk` writes dist/desk; `npm start` and the browser tests' setup call buildDesk().
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const DESK_SOURCE_DIR = __dirname;
const ROOT = path.resolve(__dirname, '../..');
export const DEFAULT_DESK_OUT_DIR = path.join(ROOT, 'dist', 'desk');

/** Type-checks and bundles the page into `outDir` (emptied first): index.html, desk.js, desk.css. */
export async function buildDesk(outDir: string = DEFAULT_DESK_OUT_DIR): Promise<void> {
  typeCheckDesk();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { desk: path.join(DESK_SOURCE_DIR, 'src/main.ts'), 'desk-styles': path.join(DESK_SOURCE_DIR, 'src/desk.css') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  copyFileSync(path.join(DESK_SOURCE_DIR, 'src/index.html'), path.join(outDir, 'index.html'));
}

/** Throws with the compiler's messages when the page does not type-check against its tsconfig (DOM, strict). */
export function typeCheckDesk(): void {
  const configFile = path.join(DESK_SOURCE_DIR, 'src/tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  })!;
  const program = ts.createProgram(config.fileNames, config.options);
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  if (diagnostics.length === 0) return;
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (file) => file,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => '\n',
  };
  throw new Error(`The desk does not type-check:\n${ts.formatDiagnostics(diagnostics, host)}`);
}

if (require.main === module) {
  buildDesk().then(
    () => console.log(`[desk] built into ${path.relative(process.cwd(), DEFAULT_DESK_OUT_DIR) || '.'}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
