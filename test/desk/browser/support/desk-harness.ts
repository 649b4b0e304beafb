import { startHotelProjector } from '@app/read-model';
import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { createApiApp, startMessageDbGroupCheckoutReactor } from '../../../support/api-app';
import { TestDatabase, createTestDatabase } from '../../../support/database';
import { DESK_ASSETS_VARIABLE } from './build-desk';

/** Debian's Chromium; .ci/run installs it when missing. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** How long a step waits for the page (a merge, a list refresh) before the test fails. */
const STEP_TIMEOUT_MS = 20_000;

export interface Desk {
  /** The API's base URL, e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  /** At /desk/ */
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * The whole service for a browser test: a fresh database, the API listening on a free port and serving this run's
 * build of the page, the group-checkout reactor and the read side's projector (as the reactor app runs them), and a
 * headless Chromium with a fresh profile, open at the desk.
 */
export async function openDesk(environment: Record<string, string> = {}): Promise<Desk> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const app = await listeningApi(database.url, environment);
    cleanups.push(() => app.close());
    const reactor = await startMessageDbGroupCheckoutReactor(database.url);
    cleanups.push(() => reactor.stop());
    const projector = startHotelProjector({ url: database.url });
    cleanups.push(() => projector.stop());
    const context = await launchChromium(cleanups);
    const page = context.pages()[0] ?? (await context.newPage());
    const { port } = app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(`${baseUrl}/desk/`);
    return { baseUrl, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function listeningApi(databaseUrl: string, environment: Record<string, string>): Promise<NestExpressApplication> {
  const deskAssetsDir = process.env[DESK_ASSETS_VARIABLE];
  if (!deskAssetsDir) throw new Error(`${DESK_ASSETS_VARIABLE} is not set: run the browser tests through jest (its desk project builds the page)`);
  const app = await createApiApp({ environment: { DATABASE_URL: databaseUrl, ...environment }, deskAssetsDir });
  await app.listen(0, '127.0.0.1');
  return app;
}

async function launchChromium(cleanups: Array<() => Promise<unknown>>): Promise<BrowserContext> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'hotel-desk-chromium-'));
  cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
  });
  cleanups.push(() => context.close());
  return context;
}
