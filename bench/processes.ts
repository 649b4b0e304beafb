/**
 * The processes a benchmark measures, each in a child process of its own (so its memory and CPU are its own): our
 * reactor and API as `npm start` runs them (node on the `nest build` output), and equinox-js's hotel reactor from the
 * bundle named by EQX_HOTEL_REACTOR (built outside this repository: see docs/benchmarks.md).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILT_APPS, buildApps, isBuildCurrent } from '../scripts/app-build';
import { sleep } from './stats';

const ROOT = path.resolve(__dirname, '..');
const CLOCK_TICKS_PER_SECOND = 100;
const STDERR_LINES_KEPT = 20;
const MiB = 1024 * 1024;

/** Every child still running, so that an interrupted benchmark can stop them. */
const running = new Set<ChildProcess>();

/** Stops every child process still running (an interrupted run). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, 5_000)));
}

export interface Child {
  readonly label: string;
  readonly pid: number;
  /** The process's peak resident set so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** User + system CPU time so far, in seconds. */
  cpuSeconds(): number;
  /** Throws, with the end of its stderr, when the process has exited. */
  assertRunning(): void;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<void>;
}

/** Builds the API and the reactor with `nest build` unless the build is current (as `npm start` does). */
export async function ensureBuiltApps(log: (line: string) => void): Promise<void> {
  if (isBuildCurrent(ROOT, Object.values(BUILT_APPS))) return;
  await buildApps(ROOT, Object.keys(BUILT_APPS), log).done;
}

export type ReactorEnvironment = Readonly<Record<string, string>>;

/** The group checkout reactor alone, like for like with equinox-js's: the read-model projector (PROJECTIONS) is off. */
export const spawnOurReactor = (databaseUrl: string, env: ReactorEnvironment = {}): Child =>
  spawnNode('reactor', path.join(ROOT, BUILT_APPS.reactor), { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', PROJECTIONS: 'false', ...env });

export const spawnEquinoxReactor = (entry: string, databaseUrl: string): Child =>
  spawnNode('equinox-js reactor', entry, { DATABASE_URL: databaseUrl });

export async function spawnApi(databaseUrl: string, port: number, env: ReactorEnvironment = {}): Promise<Child> {
  const api = spawnNode('api', path.join(ROOT, BUILT_APPS.api), { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', ...env });
  const deadline = Date.now() + 30_000;
  for (;;) {
    api.assertRunning();
    const ready = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ready) return api;
    if (Date.now() > deadline) {
      await api.stop();
      throw new Error('The API did not answer /health within 30 s');
    }
    await sleep(100);
  }
}

function spawnNode(label: string, script: string, env: ReactorEnvironment): Child {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DATABASE_|BENCH_|PORT$|HOST$)/.test(name)));
  const child = spawn(process.execPath, [script], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(...chunk.split('\n').filter(Boolean));
    stderr.splice(0, Math.max(0, stderr.length - STDERR_LINES_KEPT));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start the ${label}`);
  running.add(child);
  child.once('exit', () => running.delete(child));
  let lastPeakRss = 0;
  let lastCpu = 0;
  return {
    label,
    pid,
    peakRssMiB: () => (lastPeakRss = isRunning(child) ? readPeakRss(pid) : lastPeakRss),
    cpuSeconds: () => (lastCpu = isRunning(child) ? readCpuSeconds(pid) : lastCpu),
    assertRunning() {
      if (!isRunning(child)) throw new Error(`The ${label} exited (${child.exitCode ?? child.signalCode}): ${stderr.join('\n')}`);
    },
    stop: (graceMs = 20_000) => stopChild(child, graceMs),
  };
}

const isRunning = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

function readPeakRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB$/m);
  return line ? (Number(line[1]) * 1024) / MiB : Number.NaN;
}

function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may hold spaces) start at state, field 3; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
