import { ReactorStatus } from '@app/store';

/** A reactor is live while it has made progress within this long, or 3 tail sleeps when those are longer. */
export const LIVENESS_WINDOW_FLOOR_MS = 60_000;

export function livenessWindowMs(tailSleepMs: number): number {
  return Math.max(LIVENESS_WINDOW_FLOOR_MS, 3 * tailSleepMs);
}

/**
 * Live: not faulted, and its loop progressed recently (a read ended, either way, or a handler call settled) — a store
 * outage leaves it live (reads keep failing and being retried), a hung loop does not.
 */
export function livenessProblems(status: ReactorStatus, now: number, windowMs: number): string[] {
  if (status.state === 'faulted') return [`faulted: ${status.fault ?? 'unknown'}`];
  const idleMs = now - status.lastProgressAt.getTime();
  return idleMs > windowMs ? [`no progress for ${idleMs} ms (more than ${windowMs} ms)`] : [];
}

/** Ready: running, its reads of the store answered (reachable, reading progresses), and no stream stuck. */
export function readinessProblems(status: ReactorStatus): string[] {
  const problems: string[] = [];
  if (status.state !== 'running') problems.push(`not running (${status.state})`);
  if (status.consecutiveReadErrors > 0) problems.push(`${status.consecutiveReadErrors} failed reads in a row: ${status.lastReadError}`);
  else if (status.readOverdue) problems.push('reads of the store go unanswered');
  if (status.stuck.length > 0) problems.push(`stuck streams: ${status.stuck.map((s) => s.streamName).join(', ')}`);
  return problems;
}
