import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const GENERATOR = path.join(ROOT, 'apps/desk/api-types.ts');
const COMMITTED = path.join(ROOT, 'apps/desk/src/api/schema.d.ts');

/** What the generator makes of the current OpenAPI document, run as `npm run desk:api-types` runs it. */
function generatedTypes(): string {
  const result = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', GENERATOR, '--stdout'],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`the generator failed (status ${result.status}):\n${result.stderr}`);
  return result.stdout;
}

describe("the desk's typed client", () => {
  it('matches the current OpenAPI document (else run `npm run desk:api-types` and make the page compile again)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(generatedTypes());
  });
});
