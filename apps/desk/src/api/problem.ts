/** An RFC 9457 problem as the API answers every error; `errors` and `amount` are its extension members. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: ReadonlyArray<{ field: string; messages: string[] }>;
  readonly amount?: number;
}

export const STALE_VIEW_STATUS = 412;

/** A refused or failed request, carrying the problem the API answered with. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }

  get isStaleView(): boolean {
    return this.problem.status === STALE_VIEW_STATUS;
  }
}

/** The problem of an error answer; one made up from the status when the body is not a problem (a proxy's page). */
export function problemOf(body: unknown, response: Response): Problem {
  if (isProblem(body)) return body;
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText} without problem details.`,
  };
}

/** A problem for a request that got no answer at all (server down, network gone). */
export function unreachable(error: unknown): Problem {
  return {
    type: 'about:blank',
    title: 'Server unreachable',
    status: 0,
    detail: `The API did not answer (${error instanceof Error ? error.message : String(error)}). Check the connection and try again.`,
  };
}

function isProblem(body: unknown): body is Problem {
  const candidate = body as Partial<Problem> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.detail === 'string' && typeof candidate.status === 'number';
}
