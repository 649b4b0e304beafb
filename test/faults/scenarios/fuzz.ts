import { installHotelReadSchema } from '@app/read-model';
import fc from 'fast-check';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { FaultHarness, figuresLine } from '../support/harness';
import { FuzzRequest, fuzzRequest, IdPool } from '../support/fuzz-requests';
import { mapConcurrently } from '../support/polling';
import { brokenFraming, sendRaw } from '../support/raw-http';
import { messageCountsByStream } from '../support/store';
import { apiClient } from '../support/workload';

const REQUESTS = 10_000;
const RAW_REQUESTS = 400;
const BATCH = 250;
const CONCURRENCY = 12;

interface Outcome {
  readonly label: string;
  readonly stream?: string;
  readonly status: number;
  readonly contentType: string;
}

/**
 * Scenario 4: generated requests over every route, plus raw sockets with broken framing; the API runs alone, on a
 * database whose read tables exist (as once a projector has run), so that the lists answer rather than say not-ready.
 */
export async function fuzzScenario(harness: FaultHarness, seed: number): Promise<void> {
  const db = await harness.database();
  await installHotelReadSchema(db.pool);
  const api = await harness.startApi('api', db.url);
  const port = Number(new URL(api.baseUrl).port);
  const pool = await prepareIds(apiClient(api.baseUrl));
  const requests = fc.sample(fuzzRequest(pool), { numRuns: REQUESTS, seed });
  const raw = fc.sample(brokenFraming([...pool.stays, ...pool.groups, randomUUID()]), { numRuns: RAW_REQUESTS, seed });
  // A fresh connection per request: the server may rightly close one after a bad request, which must not count as silence.
  const agent = new http.Agent({ keepAlive: false, maxSockets: CONCURRENCY });
  const findings: string[] = [];
  const figures = { requests: 0, raw: 0, byStatus: {} as Record<number, number>, noAnswer: 0, changedByRejected: 0 };
  const jobs: (() => Promise<Outcome>)[] = [
    ...requests.map((request) => () => sendFuzz(port, agent, request)),
    ...raw.map((r) => async () => ({ label: `raw ${r.label}`, stream: streamOf(r.bytes.toString('latin1').split(' ')[1] ?? ''), ...(await sendRaw(port, r.bytes)) })),
  ];
  try {
    for (let from = 0; from < jobs.length; from += BATCH) {
      const before = await messageCountsByStream(db.pool);
      const outcomes = await mapConcurrently(jobs.slice(from, from + BATCH), CONCURRENCY, (job) => job());
      const after = await messageCountsByStream(db.pool);
      judgeBatch(outcomes, before, after, figures, findings);
    }
  } finally {
    agent.destroy();
  }
  figures.requests = requests.length;
  figures.raw = raw.length;
  figuresLine('fuzz', { seed, ...figures, findings: findings.length });
  if (!api.process.isAlive()) findings.push(`the API died:\n${api.process.logTail()}`);
  if (findings.length > 0) throw new Error(`fuzz: ${findings.length} finding(s) (seed ${seed}):\n  ${summarise(findings).join('\n  ')}`);
}

async function prepareIds(client: ReturnType<typeof apiClient>): Promise<IdPool> {
  const stays = Array.from({ length: 8 }, () => randomUUID());
  const groups = Array.from({ length: 4 }, () => randomUUID());
  for (const stayId of stays) {
    await client.checkIn(stayId);
    await client.charge(stayId, 5_000);
  }
  for (const [i, groupId] of groups.entries()) await client.select(groupId, [stays[i]]);
  return { stays, groups };
}

function sendFuzz(port: number, agent: http.Agent, request: FuzzRequest): Promise<Outcome> {
  const label = `${request.method} ${request.path.slice(0, 120)} ${JSON.stringify(request.headers).slice(0, 160)}`;
  return new Promise((resolve) => {
    const done = (status: number, contentType = '') => resolve({ label, stream: streamOf(request.path), status, contentType });
    try {
      const outgoing = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers: framed(request), agent, timeout: 15_000 }, (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0, String(response.headers['content-type'] ?? '')));
        response.on('error', () => done(response.statusCode ?? 0, String(response.headers['content-type'] ?? '')));
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ label: `${label} (${error.code ?? error.message})`, stream: streamOf(request.path), status: 0, contentType: '' }));
      outgoing.end(request.body);
    } catch {
      done(-1);
    }
  });
}

/** A body goes with its length: an unframed one (Node sends a GET's that way) is broken framing, which the raw cases cover. */
function framed(request: FuzzRequest): Record<string, string> {
  return request.body ? { ...request.headers, 'content-length': String(request.body.length) } : request.headers;
}

const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/** The stream a request to this path would write, if its id is a UUID the API accepts. */
function streamOf(path: string): string | undefined {
  const [, resource, rawId] = path.split('?')[0].split('/');
  let id: string;
  try {
    id = decodeURIComponent(rawId ?? '');
  } catch {
    return undefined;
  }
  if (!UUID.test(id)) return undefined;
  const category = resource === 'stays' ? 'GuestStay' : resource === 'group-checkouts' ? 'GroupCheckout' : undefined;
  return category && `${category}-${id.replace(/-/g, '').toLowerCase()}`;
}

function judgeBatch(outcomes: readonly Outcome[], before: Map<string, number>, after: Map<string, number>, figures: { byStatus: Record<number, number>; noAnswer: number; changedByRejected: number }, findings: string[]): void {
  const acceptedStreams = new Set<string>();
  for (const outcome of outcomes) {
    figures.byStatus[outcome.status] = (figures.byStatus[outcome.status] ?? 0) + 1;
    if (outcome.status >= 200 && outcome.status < 300 && outcome.stream) acceptedStreams.add(outcome.stream);
    if (outcome.status <= 0) figures.noAnswer++;
    if (outcome.status >= 500) findings.push(`${outcome.status} for ${outcome.label}`);
    if (outcome.status >= 400 && outcome.status < 500 && !outcome.contentType.startsWith('application/problem+json')) {
      findings.push(`${outcome.status} as "${outcome.contentType || 'no content-type'}" for ${outcome.label}`);
    }
    if (outcome.status === 0 && !outcome.label.startsWith('raw')) findings.push(`no answer for ${outcome.label}`);
  }
  for (const [stream, count] of after) {
    if (count !== (before.get(stream) ?? 0) && !acceptedStreams.has(stream)) {
      figures.changedByRejected++;
      const rejected = outcomes.filter((o) => o.stream === stream).map((o) => `${o.status} ${o.label}`);
      findings.push(`${stream} went from ${before.get(stream) ?? 0} to ${count} messages though every request to it was rejected: ${rejected.slice(0, 2).join('; ')}`);
    }
  }
}

/** One line per kind of finding (its first example and how many more), so 10 000 requests stay readable. */
function summarise(findings: readonly string[]): string[] {
  const kinds = new Map<string, { example: string; count: number }>();
  for (const finding of findings) {
    const key = finding.replace(/\/[0-9a-fA-F-]{32,36}/g, '/<id>').replace(/ for (\S+ \S+).*/, ' for $1').slice(0, 100);
    const kind = kinds.get(key) ?? { example: finding, count: 0 };
    kind.count++;
    kinds.set(key, kind);
  }
  const severity = (k: { example: string }) => (k.example.startsWith('no answer') ? 1 : 0);
  return [...kinds.values()].sort((a, b) => severity(a) - severity(b)).slice(0, 25).map((k) => `×${k.count}: ${k.example.slice(0, 400)}`);
}
