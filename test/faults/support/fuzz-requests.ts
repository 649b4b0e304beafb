import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  /** The content type a success of this route has. */
  readonly answers: string;
}

export interface IdPool {
  readonly stays: readonly string[];
  readonly groups: readonly string[];
}

/** What a route answers when it succeeds: mostly JSON. */
const JSON_ANSWER = 'application/json';
const TEXT_ANSWER = 'text/plain';

// ids: 'pool' mixes known and unknown ids; 'unknown' never names a group that exists, so that the event stream
// answers 404 before it starts (an existing group's stream stays open until the group is confirmed).
const ROUTES = [
  { method: 'POST', path: (id: string) => `/stays/${id}/check-in`, body: 'checkIn', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'POST', path: (id: string) => `/stays/${id}/charges`, body: 'charge', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'POST', path: (id: string) => `/stays/${id}/payments`, body: 'payment', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'POST', path: (id: string) => `/stays/${id}/refunds`, body: 'refund', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'POST', path: (id: string) => `/stays/${id}/check-out`, body: 'none', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'GET', path: (id: string) => `/stays/${id}`, body: 'none', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'GET', path: () => '/stays', body: 'none', query: 'stayList', ids: 'pool', answers: JSON_ANSWER },
  { method: 'POST', path: (id: string) => `/group-checkouts/${id}/stays`, body: 'select', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'POST', path: (id: string) => `/group-checkouts/${id}/payments`, body: 'payment', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'POST', path: (id: string) => `/group-checkouts/${id}/refunds`, body: 'refund', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'POST', path: (id: string) => `/group-checkouts/${id}/confirm`, body: 'none', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'GET', path: (id: string) => `/group-checkouts/${id}`, body: 'none', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'GET', path: () => '/group-checkouts', body: 'none', query: 'groupList', ids: 'pool', answers: JSON_ANSWER },
  { method: 'GET', path: (id: string) => `/group-checkouts/${id}/events`, body: 'none', query: 'wait', ids: 'unknown', answers: 'text/event-stream' },
  { method: 'GET', path: () => '/health', body: 'none', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'GET', path: () => '/health/live', body: 'none', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'GET', path: () => '/health/ready', body: 'none', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'GET', path: () => '/docs', body: 'none', query: 'wait', ids: 'pool', answers: 'text/html' },
  { method: 'GET', path: () => '/openapi.json', body: 'none', query: 'wait', ids: 'pool', answers: JSON_ANSWER },
  { method: 'GET', path: () => '/metrics', body: 'none', query: 'wait', ids: 'pool', answers: TEXT_ANSWER },
] as const;

const badStrings = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', 'null', 'undefined', '../..', '%00', '%', '%zz', '😀', 'a'.repeat(3000), '\u0000', '{}', '0'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

function idVariants(pool: IdPool) {
  const known = [...pool.stays, ...pool.groups];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.constantFrom(...known).map((id) => id.toUpperCase()) },
    { weight: 2, arbitrary: fc.constantFrom(...known).map((id) => id.replace(/-/g, '')) },
    { weight: 2, arbitrary: fc.constant(null).map(() => randomUUID()) },
    { weight: 3, arbitrary: badStrings.map((s) => encodeURIComponent(s)) },
    { weight: 1, arbitrary: fc.constantFrom(...known).map((id) => `${id}x`) },
  );
}

/** Ids that name no group (fresh UUIDs in every spelling, and strings that are no UUID at all). */
const unknownIds = fc.oneof(
  fc.constant(null).map(() => randomUUID()),
  fc.constant(null).map(() => randomUUID().toUpperCase().replace(/-/g, '')),
  badStrings.map((s) => encodeURIComponent(s)),
);

const money = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100),
  fc.constantFrom(0, -1, 0.001, 1_000_000, 1_000_000.01, 1e308, -0, 12.345, Number.MAX_SAFE_INTEGER),
  fc.double(),
  fc.anything(),
);
const uuidish = fc.oneof(fc.uuid(), fc.constant(null).map(() => randomUUID().toUpperCase()), badStrings, fc.anything());

function validBody(kind: string, pool: IdPool) {
  switch (kind) {
    case 'checkIn':
      return fc.oneof(fc.constant({}), fc.record({ at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), badStrings, fc.anything()) }));
    case 'charge':
      return fc.record({ chargeId: uuidish, amount: money }, { requiredKeys: [] });
    case 'payment':
      return fc.record({ paymentId: uuidish, amount: money }, { requiredKeys: [] });
    case 'refund':
      // Mostly well formed: a refund is accepted only within the credit, which the fuzzer's own payments rarely make.
      return fc.oneof(
        { weight: 2, arbitrary: fc.record({ refundId: fc.uuid(), amount: fc.integer({ min: 1, max: 20_000 }).map((c) => c / 100) }) },
        { weight: 1, arbitrary: fc.record({ refundId: uuidish, amount: money }, { requiredKeys: [] }) },
      );
    case 'select':
      return fc.record({
        stayIds: fc.oneof(
          fc.array(fc.constantFrom(...pool.stays), { minLength: 1, maxLength: 5 }),
          fc.array(uuidish, { maxLength: 5 }),
          fc.constant(null).map(() => Array.from({ length: 1001 }, () => randomUUID())),
          fc.anything(),
        ),
      }, { requiredKeys: [] });
    default:
      return fc.constant(undefined);
  }
}

/** A JSON value for the route, sometimes with an unknown field or replaced by any JSON at all. */
function jsonBody(kind: string, pool: IdPool) {
  return fc.oneof(
    { weight: 5, arbitrary: validBody(kind, pool) },
    { weight: 1, arbitrary: fc.tuple(validBody(kind, pool), fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue()).map(([b, k, v]) => ({ ...(b ?? {}), [k]: v })) },
    { weight: 1, arbitrary: fc.jsonValue() },
  ).map((value) => (value === undefined ? undefined : Buffer.from(JSON.stringify(value) ?? 'null')));
}

const rawBodies = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.constantFrom('{', '{"amount": 1,', '[1,2', '\u0000', '{"a":1}{"b":2}', 'amount=1&chargeId=x').map((s) => Buffer.from(s)),
  fc.constant(null).map(() => Buffer.from(JSON.stringify({ stayIds: 'x'.repeat(120_000) }))),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s, 'utf16le')),
);

const contentTypes = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=utf-16',
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', '*/*', '',
);

const extraHeaders = fc.record({
  accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml', ''),
  authorization: fc.constantFrom('', 'Bearer x', 'Basic YTpi', 'Bearer ' + 'a'.repeat(500)),
  'x-request-id': fc.string({ unit: fc.constantFrom(...'abc-_0123456789'), maxLength: 64 }),
}, { requiredKeys: [] });

/** `name=value`, the value mostly valid, sometimes any string; absent as often as present. */
function param(name: string, valid: fc.Arbitrary<string>, invalid: fc.Arbitrary<string>) {
  return fc.option(fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: fc.oneof(invalid, badStrings) })
    .map((value) => `${name}=${encodeURIComponent(value)}`), { nil: undefined, freq: 2 });
}

const characters = (min: number, max: number) => fc.string({ minLength: min, maxLength: max, unit: 'grapheme-ascii' });
const cursor = fc.tuple(fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }), fc.uuid())
  .map(([at, id]) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url'));
// Any atLeast past the projection's position waits 5 s (no projector runs here), so those stay rare.
const atLeast = fc.oneof({ weight: 30, arbitrary: fc.constant('-1') }, { weight: 1, arbitrary: fc.constantFrom('0', '999999999999999') });
const pageParams = [
  param('limit', fc.integer({ min: 1, max: 200 }).map(String), fc.constantFrom('0', '201', '-1', '1.5', '01', '1e2', '')),
  param('cursor', cursor, fc.constantFrom('', 'bm90IGEgY3Vyc29y', 'WyJ4IiwieSJd', '!!', 'W10')),
  param('atLeast', atLeast, fc.constantFrom('-2', '1.5', '1e3', '', '1234567890123456', '+1')),
];
const malformedQueries = fc.constantFrom('?limit=1&limit=2', '?status=open&status=ready', '?status[]=open', '?status[a]=b', '?q[$ne]=x', '?x=%ff', '?&&=', '?cursor=%00');

/** A list's query string from its own parameters; now and then a malformed one. */
function listQuery(params: fc.Arbitrary<string | undefined>[]) {
  const own = fc.tuple(...params).map((present) => present.filter((p) => p !== undefined))
    .map((present) => (present.length === 0 ? '' : `?${present.join('&')}`));
  return fc.oneof({ weight: 6, arbitrary: own }, { weight: 1, arbitrary: malformedQueries });
}

const QUERIES = {
  wait: fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('?wait=0', '?wait=10001', '?wait=-1', '?wait=abc', '?wait=1&wait=2', '?x=%ff') }),
  stayList: listQuery([
    param('status', fc.constantFrom('open', 'checkedOut', 'transferred'), fc.constantFrom('OPEN', 'merging', '')),
    param('room', characters(1, 16), fc.constantFrom('', 'r'.repeat(17))),
    param('q', characters(1, 200), fc.constantFrom('', 'q'.repeat(201))),
    ...pageParams,
  ]),
  groupList: listQuery([param('status', fc.constantFrom('merging', 'ready', 'confirmed'), fc.constantFrom('open', 'Ready', '')), ...pageParams]),
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND'];

export function fuzzRequest(pool: IdPool): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...ROUTES).chain((route) =>
    fc.record({
      method: fc.oneof({ weight: 6, arbitrary: fc.constant(route.method as string) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
      id: route.ids === 'pool' ? idVariants(pool) : unknownIds,
      query: QUERIES[route.query],
      body: fc.oneof({ weight: 5, arbitrary: jsonBody(route.body, pool) }, { weight: 1, arbitrary: rawBodies }),
      contentType: contentTypes,
      encoding: fc.constantFrom('', '', '', 'gzip', 'gzip-real', 'deflate', 'br', 'bogus'),
      extra: extraHeaders,
    }).map(({ method, id, query, body, contentType, encoding, extra }) => {
      const headers: Record<string, string> = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== ''));
      if (contentType !== '' && body) headers['content-type'] = contentType;
      let payload = body;
      if (encoding === 'gzip-real' && payload) payload = gzipSync(payload);
      if (encoding !== '') headers['content-encoding'] = encoding === 'gzip-real' ? 'gzip' : encoding;
      return { method, path: route.path(id) + query, headers, body: payload, answers: route.answers };
    }),
  );
}
