/**
 * `npm run bench`: the whole benchmark matrix on a fresh database (embedded PostgreSQL unless BENCH_DATABASE_URL or
 * DATABASE_URL names a server): burst at several stream counts, idle lead time, API commands, catch-up; each figure
 * beside its baseline from the same run. Writes bench/results/<timestamp>.json after each section and renders
 * docs/benchmarks.md, each section from the newest result that measured it (--report: only render).
 *   npm run bench -- [--quick] [--rounds N] [--only burst,lead-time,api,catch-up] [--api-seconds S] [--report]
 * equinox-js's hotel reactor is compared when EQX_HOTEL_REACTOR names its built entry (see docs/benchmarks.md).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchApiCommands } from './api-commands';
import { benchBurst } from './burst';
import { benchCatchUp } from './catch-up';
import { equinoxHotel } from './equinox';
import { BenchContext, Figures } from './figures';
import { benchLeadTime } from './lead-time';
import { ensureBuiltApps, stopAllChildren } from './processes';
import { RunResult, writeDocs, writeResult } from './report';
import { BenchServer, benchServer, describeServer } from './server';

const SECTIONS = ['burst', 'lead-time', 'api', 'catch-up'] as const;
type Section = (typeof SECTIONS)[number];

function settingsFor(quick: boolean, apiSeconds: number | undefined) {
  return {
    burst: { groups: quick ? 40 : 1000, staysPerGroup: 5, streamCounts: [4, 8, 16, 32], floorConnections: 8 },
    leadTime: { groups: quick ? 15 : 60, groupsPerSecond: 10, staysPerGroup: 5 },
    api: { concurrencies: [1, 16, 64], roundMs: (apiSeconds ?? (quick ? 1 : 5)) * 1000, warmUpMs: quick ? 300 : 1000 },
    catchUp: { finishedGroups: quick ? 2_500 : 25_000 },
  };
}

const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      only: { type: 'string' },
      'api-seconds': { type: 'string' },
      report: { type: 'boolean', default: false },
    },
  });
  if (values.report) return renderLatest();
  const quick = values.quick ?? false;
  const rounds = Number(values.rounds ?? (quick ? 1 : 3));
  const only = values.only ? values.only.split(',').map((name) => name.trim()) : [...SECTIONS];
  const unknown = only.filter((name) => !SECTIONS.includes(name as Section));
  if (unknown.length || !(rounds >= 1)) throw new Error(`Usage: npm run bench -- [--quick] [--rounds N≥1] [--only ${SECTIONS.join(',')}]`);
  const settings = settingsFor(quick, values['api-seconds'] === undefined ? undefined : Number(values['api-seconds']));

  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const equinox = equinoxHotel();
  const skipped = 'skipped' in equinox ? [equinox.skipped] : [];
  skipped.forEach(log);
  await ensureBuiltApps(log);
  const server = await benchServer(log);
  stopOnSignals(server);
  try {
    const figures = new Figures();
    const context: BenchContext = { server: server.url, figures, rounds, quick, equinox: 'skipped' in equinox ? undefined : equinox, log };
    const runs: Record<Section, () => Promise<void>> = {
      burst: () => benchBurst(context, settings.burst),
      'lead-time': () => benchLeadTime(context, settings.leadTime),
      api: () => benchApiCommands(context, settings.api),
      'catch-up': () => benchCatchUp(context, settings.catchUp),
    };
    const completed: string[] = [];
    const serverSettings = await describeServer(server.url);
    for (const section of SECTIONS.filter((name) => only.includes(name))) {
      log(`${section}…`);
      await runs[section]();
      completed.push(section);
      const result: RunResult = {
        startedAt,
        finishedAt: new Date().toISOString(),
        quick,
        rounds,
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
        machine: { ...machine, 'load average (1 min) at the end': os.loadavg()[0].toFixed(2), embedded: String(server.embedded) },
        server: serverSettings,
        settings: { ...settings, sections: only },
        completed,
        skipped,
        figures: figures.summaries(),
      };
      // After each section: a run stopped later still leaves what it measured.
      const file = writeResult(result);
      writeDocs();
      log(`wrote ${file} and docs/benchmarks.md`);
    }
  } finally {
    await server.stop();
  }
}

/**
 * Ctrl-C or SIGTERM: stop the reactors and the API, then an embedded server (its temporary directory would otherwise
 * keep a PostgreSQL running). Scratch databases on a given server are left behind, named <section>_<random>.
 */
function stopOnSignals(server: BenchServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the child processes${server.embedded ? ' and the embedded PostgreSQL' : ''}`);
    void stopAllChildren()
      .then(() => server.stop())
      .catch(() => undefined)
      .finally(() => process.exit(130));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function describeMachine(): Record<string, string | number> {
  return {
    nproc: os.availableParallelism(),
    'CPU model': os.cpus()[0]?.model ?? 'unknown',
    'memory (GiB)': (os.totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    'load average (1 min) at the start': os.loadavg()[0].toFixed(2),
  };
}

function renderLatest(): void {
  writeDocs();
  log('rendered docs/benchmarks.md from bench/results/');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
