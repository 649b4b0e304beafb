import { HOTEL_PROJECTOR_NAME } from '@app/read-model';
import pg from 'pg';
import { pendingStays } from './invariants';
import { foldLedger } from './ledger';
import { waitFor } from './polling';
import { readAllMessages } from './store';
import { httpJson } from './processes';

/** Waits until every selected stay of every group is merged or failed, except the given unreadable ones. */
export async function waitForConvergence(
  pool: pg.Pool,
  timeoutMs: number,
  unreadableStays: ReadonlySet<string> = new Set(),
): Promise<number> {
  const started = Date.now();
  let remaining: { group: string; stayId: string }[] = [];
  await waitFor(
    'every selected stay to be merged or failed',
    timeoutMs,
    async () => {
      remaining = pendingStays(foldLedger(await readAllMessages(pool))).filter((p) => !unreadableStays.has(p.stayId));
      return remaining.length === 0 ? true : undefined;
    },
    250,
    () => `${remaining.length} still pending, e.g. ${remaining.slice(0, 3).map((p) => `${p.group} / ${p.stayId}`).join(', ')}`,
  );
  return Date.now() - started;
}

export interface ReactorStatusView {
  readonly state: string;
  readonly readPosition: number;
  readonly completedPosition: number;
  readonly committedPosition?: number;
  readonly categoryTail?: number;
  readonly atTail: boolean;
  readonly consecutiveReadErrors: number;
  readonly batchesBuffered: number;
  readonly eventsBuffered: number;
  readonly streamsInFlight: number;
  readonly stuck: readonly { streamName: string; attempts: number; lastError: string }[];
  readonly outcomes: { completed: number; failed: number; byOutcome: Record<string, number> };
}

/**
 * The probe's status, and the group-checkout reactor's status from its health check (in the details, or in a 503's
 * checks); the projector's checks beside it are left out.
 */
export async function reactorHealth(port: number, route = '/health'): Promise<{ status: number; reactor?: ReactorStatusView } | undefined> {
  const answer = await httpJson(`http://127.0.0.1:${port}${route}`, {}, 2_000);
  if (!answer) return undefined;
  const { details, checks } = answer.body as { details?: Record<string, object>; checks?: Record<string, object> };
  const reactor = Object.values(details ?? checks ?? {}).find(isGroupCheckoutReactor);
  return { status: answer.status, reactor };
}

function isGroupCheckoutReactor(check: object): check is ReactorStatusView {
  return 'readPosition' in check && (check as { processorName?: string }).processorName !== HOTEL_PROJECTOR_NAME;
}

/** The reactor has read the whole category and handled everything it read (nothing buffered or in flight). */
export async function waitUntilIdleAtTail(port: number, lastGroupPosition: number, timeoutMs: number): Promise<ReactorStatusView> {
  let last: ReactorStatusView | undefined;
  return waitFor(
    `the reactor on :${port} to handle everything up to ${lastGroupPosition}`,
    timeoutMs,
    async () => {
      last = (await reactorHealth(port))?.reactor;
      const idle = last && last.completedPosition > lastGroupPosition && last.eventsBuffered === 0 && last.streamsInFlight === 0;
      return idle ? last : undefined;
    },
    200,
    () => JSON.stringify(last),
  );
}
