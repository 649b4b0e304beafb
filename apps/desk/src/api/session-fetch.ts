/**
 * The fetch every API call goes through, adding what a clerk's session knows:
 * - the bearer token, asked for the first time the API answers 401 and kept in memory only (never stored);
 * - the version (ETag) of each stay and group checkout last seen, sent as If-Match with commands on it, so that a
 *   command on a view someone else has changed meanwhile is refused (412) instead of applied blindly;
 * - the global position of its latest write (the Position header), so that the lists can wait until they show it.
 */
export type TokenPrompt = (rejected: boolean) => Promise<string | undefined>;

const UNAUTHORIZED = 401;

export class SessionFetch {
  private token: string | undefined;
  private readonly versions = new Map<string, string>();
  private writtenUpTo: number | undefined;
  private declined = false;

  constructor(private readonly askForToken: TokenPrompt) {}

  readonly fetch = async (request: Request): Promise<Response> => {
    const retry = request.clone();
    let response = await this.send(request);
    let rejected = this.token !== undefined;
    // Once the clerk has cancelled the prompt, only a command asks again: the lists' periodic reads do not nag.
    while (response.status === UNAUTHORIZED && !(this.declined && request.method === 'GET')) {
      const token = await this.askForToken(rejected);
      this.declined = token === undefined;
      if (token === undefined) return response;
      this.token = token;
      rejected = true;
      response = await this.send(retry.clone());
    }
    return response;
  };

  /** The global position of the latest write this session made, for lists to wait on (`atLeast`). */
  get lastWritePosition(): number | undefined {
    return this.writtenUpTo;
  }

  /** A version seen other than in a response's ETag (an event stream's ids). */
  noteVersion(resourcePath: string, etag: string): void {
    this.versions.set(resourcePath, etag);
  }

  private async send(request: Request): Promise<Response> {
    const resource = resourceOf(new URL(request.url).pathname);
    if (this.token !== undefined) request.headers.set('Authorization', `Bearer ${this.token}`);
    const seen = resource === undefined ? undefined : this.versions.get(resource);
    if (request.method === 'POST' && seen !== undefined) request.headers.set('If-Match', seen);
    const response = await fetch(request);
    const etag = response.headers.get('ETag');
    if (resource !== undefined && etag !== null && response.ok) this.versions.set(resource, etag);
    const position = Number(response.headers.get('Position') ?? NaN);
    if (response.ok && Number.isSafeInteger(position)) this.writtenUpTo = Math.max(this.writtenUpTo ?? position, position);
    return response;
  }
}

/** `/stays/{id}` or `/group-checkouts/{id}` for any path under them (their commands, ?wait=, events). */
export function resourceOf(pathname: string): string | undefined {
  return /^\/(stays|group-checkouts)\/[^/]+/.exec(pathname)?.[0];
}
