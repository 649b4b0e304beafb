import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BuiltApps, AppName } from './build';
import { waitFor } from './polling';

const LOG_LINES_KEPT = 60;

/** A built app running as its own OS process, with the tail of its output kept for failure messages. */
export class AppProcess {
  private readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => this.keep(chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  isAlive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.isAlive()) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL once the grace period is over. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.isAlive()) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  logTail(lines = 20): string {
    return this.output.slice(-lines).join('\n');
  }

  /** Resident set size in KiB, read from /proc/<pid>/status; undefined once the process is gone. */
  rssKib(): number | undefined {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  private keep(text: string): void {
    for (const line of text.split('\n')) if (line.trim() !== '') this.output.push(`[${this.label}] ${line}`);
    if (this.output.length > LOG_LINES_KEPT) this.output.splice(0, this.output.length - LOG_LINES_KEPT);
  }
}

const everyProcess = new Set<AppProcess>();

/** Only the variables given (plus PATH and NODE_PATH) reach the app, so the test's own environment cannot leak in. */
export function spawnApp(apps: BuiltApps, app: AppName, label: string, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [apps.entry[app]], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_PATH: apps.nodePath, TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = new AppProcess(label, child);
  everyProcess.add(started);
  void started.exited.then(() => everyProcess.delete(started));
  return started;
}

/** For afterAll: every app still running is killed, whatever state the test left it in. */
export async function killEveryApp(): Promise<void> {
  const running = [...everyProcess];
  for (const app of running) app.kill('SIGKILL');
  await Promise.all(running.map((app) => app.exited));
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
  readonly elapsedMs: number;
}

/** GET (or another method) with a deadline; undefined when nothing answered in time (refused, reset, timed out). */
export async function httpJson(url: string, init: RequestInit = {}, timeoutMs = 5_000): Promise<HttpAnswer | undefined> {
  const started = Date.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the failure message
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body, elapsedMs: Date.now() - started };
  } catch {
    return undefined;
  }
}

/** Waits until GET `url` answers 200; names the process and its last output if it never does or dies meanwhile. */
export async function waitUntilReady(app: AppProcess, url: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(`${app.label} ready at ${url}`, timeoutMs, async () => {
    if (!app.isAlive()) throw new Error(`${app.label} exited before it was ready:\n${app.logTail()}`);
    return (await httpJson(url, {}, 1_000))?.status === 200 ? true : undefined;
  });
}
