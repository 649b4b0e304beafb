import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { equinoxHotel } from '../../bench/equinox';

describe('the equinox-js comparison', () => {
  const saved = { entry: process.env.EQX_HOTEL_REACTOR, migrations: process.env.EQX_HOTEL_MIGRATIONS };
  afterEach(() => {
    for (const [name, value] of [['EQX_HOTEL_REACTOR', saved.entry], ['EQX_HOTEL_MIGRATIONS', saved.migrations]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('is skipped, saying why, when EQX_HOTEL_REACTOR is unset or names nothing', () => {
    delete process.env.EQX_HOTEL_REACTOR;
    expect(equinoxHotel()).toEqual({ skipped: expect.stringContaining('EQX_HOTEL_REACTOR is not set') });
    process.env.EQX_HOTEL_REACTOR = '/nonexistent/reactor.cjs';
    expect(equinoxHotel()).toEqual({ skipped: expect.stringContaining('does not exist') });
  });

  it('finds apps/hotel migrations beside the bundle unless EQX_HOTEL_MIGRATIONS says where', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'eqx-'));
    mkdirSync(path.join(root, 'dist'));
    mkdirSync(path.join(root, 'src', 'apps', 'hotel', 'migrations'), { recursive: true });
    writeFileSync(path.join(root, 'dist', 'reactor.cjs'), '');
    process.env.EQX_HOTEL_REACTOR = path.join(root, 'dist', 'reactor.cjs');
    delete process.env.EQX_HOTEL_MIGRATIONS;
    expect(equinoxHotel()).toEqual({ entry: path.join(root, 'dist', 'reactor.cjs'), migrations: path.join(root, 'src', 'apps', 'hotel', 'migrations') });
    process.env.EQX_HOTEL_MIGRATIONS = path.join(root, 'elsewhere');
    expect(equinoxHotel()).toEqual({ skipped: expect.stringContaining('No apps/hotel migrations') });
  });
});
