import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

export interface IdPool {
  readonly stays: readonly string[];
  readonly groups: readonly string[];
}

const ROUTES = [
  { method: 'POST', path: (id: string) => `/stays/${id}/check-in`, body: 'checkIn' },
  { method: 'POST', path: (id: string) => `/stays/${id}/charges`, body: 'charge' },
  { method: 'POST', path: (id: string) => `/stays/${id}/payments`, body: 'payment' },
  { method: 'POST', path: (id: string) => `/stays/${id}/check-out`, body: 'none' },
  { method: 'GET', path: (id: string) => `/stays/${id}`, body: 'none' },
  { method: 'POST', path: (id: string) => `/group-checkouts/${id}/stays`, body: 'select' },
  { method: 'POST', path: (id: string) => `/group-checkouts/${id}/payments`, body: 'payment' },
  { method: 'POST', path: (id: string) => `/group-checkouts/${id}/confirm`, body: 'none' },
  { method: 'GET', path: (id: string) => `/group-checkouts/${id}`, body: 'none' },
  { method: 'GET', path: () => '/health', body: 'none' },
  { method: 'GET', path: () => '/health/ready', body: 'none' },
  { method: 'GET', path: () => '/openapi.json', body: 'none' },
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

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND'];

export function fuzzRequest(pool: IdPool): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...ROUTES).chain((route) =>
    fc.record({
      method: fc.oneof({ weight: 6, arbitrary: fc.constant(route.method as string) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
      id: idVariants(pool),
      query: fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('?wait=0', '?wait=10001', '?wait=-1', '?wait=abc', '?wait=1&wait=2', '?x=%ff') }),
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
      return { method, path: route.path(id) + query, headers, body: payload };
    }),
  );
}
