import { AdminCommand } from '../command';
import { AdminContext } from '../context';
import { EXIT, usageError } from '../errors';

interface StuckStream {
  readonly streamName: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly since: string;
}

interface ReportedStuck extends StuckStream {
  readonly reactor: string;
  readonly processorName: string;
}

/**
 * Stuck streams live only in a running member's memory (the streams it is retrying right now), so they are asked of
 * each member's management endpoint: its /health carries the reactor status. The database knows only what was parked.
 */
const list: AdminCommand = {
  words: ['stuck', 'list'],
  args: '[--url <reactor management URL>]...',
  summary: "the streams running reactors report stuck (retrying), from each one's management endpoint",
  arity: [0, 0],
  options: { url: { type: 'string', multiple: true } },
  async run(context, { values }) {
    const urls = reactorUrls(context, values.url as string[] | undefined);
    const stuck: ReportedStuck[] = [];
    const unreachable: string[] = [];
    for (const url of urls) {
      try {
        stuck.push(...(await stuckReportedBy(url)));
      } catch (error) {
        unreachable.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return {
      table: {
        columns: ['REACTOR', 'PROCESSOR', 'STREAM', 'ATTEMPTS', 'SINCE', 'LAST ERROR'],
        rows: stuck.map((s) => [s.reactor, s.processorName, s.streamName, s.attempts, s.since, s.lastError]),
      },
      message: unreachable.length ? `Could not ask: ${unreachable.join('; ')}` : undefined,
      data: { stuck, unreachable },
      exitCode: unreachable.length ? EXIT.failed : EXIT.ok,
    };
  },
};

export const STUCK_COMMANDS: readonly AdminCommand[] = [list];

function reactorUrls(context: AdminContext, given: string[] | undefined): string[] {
  if (given?.length) return given;
  const port = context.settings.reactorHttpPort;
  if (port === undefined) throw usageError('Pass --url <reactor management URL> (one per member), or set REACTOR_HTTP_PORT to ask 127.0.0.1');
  return [`http://127.0.0.1:${port}`];
}

/** The stuck streams of every reactor status found in the member's /health body (503 when not ready still has one). */
async function stuckReportedBy(url: string): Promise<ReportedStuck[]> {
  const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(5_000) });
  // Terminus repeats each check under `info` and `details`: one status per processor.
  const statuses = [...new Map(reactorStatusesIn(await response.json()).map((s) => [s.processorName, s])).values()];
  if (statuses.length === 0) throw new Error(`/health answered ${response.status} without a reactor status`);
  return statuses.flatMap(({ processorName, stuck }) => stuck.map((s) => ({ reactor: url, processorName, ...s })));
}

function reactorStatusesIn(body: unknown): { processorName: string; stuck: StuckStream[] }[] {
  if (typeof body !== 'object' || body === null) return [];
  const { processorName, stuck } = body as { processorName?: unknown; stuck?: unknown };
  if (typeof processorName === 'string' && Array.isArray(stuck)) return [{ processorName, stuck: stuck as StuckStream[] }];
  return Object.values(body).flatMap(reactorStatusesIn);
}
