import { MemoryStore } from '@app/store';
import { NestExpressApplication } from '@nestjs/platform-express';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createOpenApiDocument } from '../../../apps/api/src/openapi/openapi';
import { ProblemType } from '../../../apps/api/src/problems/problem';
import { createApiApp } from '../../support/api-app';

const REDOCLY = resolve(__dirname, '../../../node_modules/.bin/redocly');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

/** Runs `redocly lint` with its recommended rules on the document; its JSON report. */
async function lint(document: object): Promise<LintReport> {
  const directory = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  try {
    const file = join(directory, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const environment = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    const args = ['lint', file, '--extends', 'recommended', '--format', 'json'];
    // redocly exits non-zero when it finds errors: the report is on stdout either way.
    const { stdout } = await promisify(execFile)(REDOCLY, args, { cwd: directory, env: environment }).catch(
      (failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }),
    );
    return JSON.parse(stdout) as LintReport;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe('the OpenAPI document', () => {
  let app: NestExpressApplication;
  let document: ReturnType<typeof createOpenApiDocument>;

  beforeAll(async () => {
    app = await createApiApp({ environment: {}, store: new MemoryStore() });
    document = createOpenApiDocument(app);
  });
  afterAll(() => app?.close());

  it('passes redocly lint with the recommended rules: no error, no warning', async () => {
    const report = await lint(document);
    const found = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(found).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('names every problem type as an enum, and the bearer token as opaque', () => {
    const schemas = document.components?.schemas as Record<string, { properties: Record<string, { enum?: string[] }> }>;
    expect([...(schemas.ProblemDocument.properties.type.enum ?? [])].sort()).toEqual(Object.values(ProblemType).sort());
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' });
  });

  it('documents ETag and Position on commands, If-Match and 412, If-None-Match and 304 on reads, and the health body', () => {
    const refund = document.paths['/stays/{stayId}/refunds'].post!;
    expect(Object.keys(refund.responses['200'] as object)).toContain('headers');
    expect(Object.keys((refund.responses['200'] as { headers: object }).headers)).toEqual(['ETag', 'Position']);
    expect(refund.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'If-Match' }));
    expect(refund.responses).toHaveProperty('412');
    const read = document.paths['/group-checkouts/{groupCheckoutId}'].get!;
    expect(read.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'If-None-Match' }));
    expect(read.responses).toHaveProperty('304');
    expect(document.paths['/group-checkouts/{groupCheckoutId}/events'].get!.responses['200']).toMatchObject({
      content: { 'text/event-stream': expect.any(Object) },
    });
    expect(document.paths['/health'].get!.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/HealthDocument' } } },
    });
  });
});
