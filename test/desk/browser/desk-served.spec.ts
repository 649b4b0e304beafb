import { MemoryStore } from '@app/store';
import { NestExpressApplication } from '@nestjs/platform-express';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { defaultDeskAssetsDir } from '../../../apps/api/src/desk/desk-assets';
import { createApiApp } from '../../support/api-app';
import { DESK_ASSETS_VARIABLE } from './support/build-desk';

const TOKEN = 'desk-served-spec-token-0123456789';

describe('the API serves the desk', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    const deskAssetsDir = process.env[DESK_ASSETS_VARIABLE]!;
    app = await createApiApp({ store: new MemoryStore(), deskAssetsDir, environment: { API_TOKEN: TOKEN } });
  });
  afterAll(() => app?.close());

  it('redirects / to /desk/', async () => {
    const response = await request(app.getHttpServer()).get('/').expect(302);
    expect(response.headers.location).toBe('/desk/');
  });

  it('serves the page and its assets without the token, revalidated, under a same-origin CSP', async () => {
    const page = await request(app.getHttpServer()).get('/desk/').expect(200).expect('Content-Type', /text\/html/);
    expect(page.text).toContain('<script type="module" src="desk.js"></script>');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    await request(app.getHttpServer()).get('/desk/desk.js').expect(200).expect('Content-Type', /javascript/);
    await request(app.getHttpServer()).get('/desk/desk-styles.css').expect(200).expect('Content-Type', /text\/css/);
  });

  it('answers a missing asset with a problem, not with the page', async () => {
    const response = await request(app.getHttpServer()).get('/desk/missing.js').expect(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('leaves the API as it was: its routes still need the token', async () => {
    await request(app.getHttpServer()).get('/stays/3f2504e0-4f89-11d3-9a0c-0305e82c3301').expect(401);
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });
});

describe('the API without a built desk', () => {
  it('looks for it in the repository, or under the working directory for a build copied elsewhere', () => {
    expect(defaultDeskAssetsDir()).toBe(path.resolve(__dirname, '../../../dist/desk'));
    expect(defaultDeskAssetsDir(os.tmpdir())).toBe(path.join(process.cwd(), 'dist', 'desk'));
  });

  it('still starts, and answers /desk/ with a 404 problem', async () => {
    const deskAssetsDir = path.join(os.tmpdir(), 'hotel-desk-never-built');
    const app = await createApiApp({ store: new MemoryStore(), deskAssetsDir });
    try {
      const response = await request(app.getHttpServer()).get('/desk/').expect(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      await request(app.getHttpServer()).get('/health/live').expect(200);
    } finally {
      await app.close();
    }
  });
});
