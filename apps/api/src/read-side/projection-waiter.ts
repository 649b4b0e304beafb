import { HotelReadQueries, ProjectionState } from '@app/read-model';
import { HttpStatus } from '@nestjs/common';
import { ProblemException, ProblemType } from '../problems/problem';

/** The longest a list request waits for `?atLeast=`: past it, the list answers as it stands (its headers say how far). */
export const MAX_AT_LEAST_WAIT_MS = 5_000;

const FIRST_POLL_MS = 10;
const LONGEST_POLL_MS = 200;

/**
 * Waits, bounded, until the projection has passed a global position (read-your-writes for lists). The projector's
 * commits send no notification, so it re-reads the position, 10 ms after the first look and then ever less often (up
 * to every 200 ms): one indexed query per look.
 */
export class ProjectionWaiter {
  constructor(
    private readonly queries: HotelReadQueries,
    private readonly timeoutMs: number = MAX_AT_LEAST_WAIT_MS,
  ) {}

  async stateAtLeast(target: number | undefined): Promise<ProjectionState> {
    let state = await this.queries.projectionState().catch(noReadTablesYet);
    const deadline = Date.now() + this.timeoutMs;
    let delay = FIRST_POLL_MS;
    while (target !== undefined && state.position < target && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, deadline - Date.now())));
      delay = Math.min(delay * 2, LONGEST_POLL_MS);
      state = await this.queries.projectionState();
    }
    return state;
  }
}

const UNDEFINED_TABLE = '42P01';

/** Before the projector first ran, its tables do not exist: a 503 that says so, rather than a 500. */
function noReadTablesYet(error: unknown): never {
  if ((error as { code?: unknown }).code !== UNDEFINED_TABLE) throw error;
  throw new ProblemException({
    type: ProblemType.notReady,
    title: 'Lists not ready',
    status: HttpStatus.SERVICE_UNAVAILABLE,
    detail: 'The read tables do not exist yet: the reactor app creates them when its projector first starts (PROJECTIONS).',
    headers: { 'Retry-After': '5' },
  });
}
