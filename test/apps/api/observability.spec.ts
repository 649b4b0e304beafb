import { groupCheckoutStreamName, guestStayStreamName } from '@app/domain';
import { MemoryStore, RecordedEvent, StoreUnavailableError } from '@app/store';
import { ReactorHandle } from '@app/store/reactor';
import { AppLogger, LoggingConfig } from '@app/store/nest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { createApiApp, startMemoryGroupCheckoutReactor } from '../../support/api-app';
import { sampleIn } from '../../support/metrics';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function metrics(server: Server): Promise<string> {
  const response = await request(server).get('/metrics').expect(200);
  expect(response.headers['content-type']).toContain('text/plain');
  return response.text;
}

function withType(events: readonly RecordedEvent[], type: string): RecordedEvent {
  const event = events.find((e) => e.type === type);
  if (!event) throw new Error(`No ${type} in ${events.map((e) => e.type).join(', ')}`);
  return event;
}

describe('the API observed: request ids, event metadata, metrics', () => {
  const store = new MemoryStore();
  let app: NestExpressApplication;
  let server: Server;
  let reactor: ReactorHandle;

  beforeAll(async () => {
    app = await createApiApp({ store });
    server = app.getHttpServer();
    reactor = startMemoryGroupCheckoutReactor(store);
  });

  afterAll(async () => {
    await reactor.stop();
    await app.close();
  });

  it('echoes the X-Request-Id it is given, and makes one when it is absent or unacceptable', async () => {
    const given = await request(server).get(`/stays/${randomUUID()}`).set('X-Request-Id', 'desk-42.7');
    expect(given.headers['x-request-id']).toBe('desk-42.7');
    const made = await request(server).get(`/stays/${randomUUID()}`);
    expect(made.headers['x-request-id']).toMatch(UUID);
    const refused = await request(server).get(`/stays/${randomUUID()}`).set('X-Request-Id', '<script> '.padEnd(200, 'x'));
    expect(refused.headers['x-request-id']).toMatch(UUID);
  });

  it("writes the request id into the metadata of the events it causes, and the reactor's writes carry it on", async () => {
    const [stayId, groupId] = [randomUUID(), randomUUID()];
    await request(server).post(`/stays/${stayId}/check-in`).set('X-Request-Id', 'check-in-1').send({}).expect(200);
    await request(server).post(`/stays/${stayId}/charges`).set('X-Request-Id', 'charge-1').send({ chargeId: randomUUID(), amount: 10 }).expect(200);
    await request(server).post(`/group-checkouts/${groupId}/stays`).set('X-Request-Id', 'select-1').send({ stayIds: [stayId] }).expect(202);
    await reactor.awaitCompletion();

    const stay = await store.readStream(guestStayStreamName(stayId));
    const group = await store.readStream(groupCheckoutStreamName(groupId));
    expect(withType(stay, 'CheckedIn').metadata).toEqual({ correlationId: 'check-in-1', causationId: 'check-in-1' });
    expect(withType(stay, 'Charged').metadata).toEqual({ correlationId: 'charge-1', causationId: 'charge-1' });
    const selected = withType(group, 'StaysSelected');
    expect(selected.metadata).toEqual({ correlationId: 'select-1', causationId: 'select-1' });
    const reaction = { correlationId: 'select-1', causationId: selected.id };
    expect(withType(stay, 'TransferredToGroup').metadata).toEqual(reaction);
    expect(withType(group, 'StaysMerged').metadata).toEqual(reaction);
  });

  it('counts each request by route template, method and status, with its latency', async () => {
    const labels = { method: 'GET', route: '/stays/:stayId', status: '404' };
    const before = await metrics(server);
    await request(server).get(`/stays/${randomUUID()}`).expect(404);
    await request(server).get('/no/such/route').expect(404);
    const after = await metrics(server);
    expect(sampleIn(after, 'hotel_http_requests_total', labels) - sampleIn(before, 'hotel_http_requests_total', labels)).toBe(1);
    const count = 'hotel_http_request_duration_seconds_count';
    expect(sampleIn(after, count, labels) - sampleIn(before, count, labels)).toBe(1);
    const unmatched = { method: 'GET', route: 'unmatched', status: '404' };
    expect(sampleIn(after, 'hotel_http_requests_total', unmatched) - sampleIn(before, 'hotel_http_requests_total', unmatched)).toBe(1);
    expect(after).toContain('hotel_process_cpu_seconds_total');
    // Route templates, never paths: no id ever becomes a label value.
    expect(after).not.toMatch(/route="[^"]*[0-9a-f]{8}-/);
  });
});

describe('the API observed while its store is unreachable', () => {
  class UnreachableStore extends MemoryStore {
    override async readStream(): Promise<RecordedEvent[]> {
      throw new StoreUnavailableError('the test made the store unreachable');
    }
  }
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createApiApp({ store: new UnreachableStore(), environment: { API_TOKEN: 'a-token-of-sixteen-chars' } });
  });
  afterAll(() => app.close());

  it('counts store errors and 503 answers, and serves /metrics without the bearer token', async () => {
    const server = app.getHttpServer();
    const before = await metrics(server);
    await request(server).get(`/stays/${randomUUID()}`).set('Authorization', 'Bearer a-token-of-sixteen-chars').expect(503);
    const after = await metrics(server);
    const increase = (metric: string, labels: Record<string, string>) => sampleIn(after, metric, labels) - sampleIn(before, metric, labels);
    expect(increase('hotel_api_store_errors_total', { error: 'unavailable' })).toBe(1);
    expect(increase('hotel_http_service_unavailable_total', { route: '/stays/:stayId' })).toBe(1);
    expect(increase('hotel_http_requests_total', { route: '/stays/:stayId', status: '503' })).toBe(1);
  });

  it('leaves /metrics out of the OpenAPI document', async () => {
    const document = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(Object.keys(document.body.paths)).not.toContain('/metrics');
  });
});

describe('the API logs', () => {
  it('one JSON line per request: method, route template, status, duration and request id', async () => {
    const lines: string[] = [];
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(...chunk.toString().split('\n')), true));
    const logger = new AppLogger(Object.assign(new LoggingConfig(), { LOG_FORMAT: 'json' }));
    const app = await createApiApp({ store: new MemoryStore(), logger });
    try {
      const stayId = randomUUID();
      await request(app.getHttpServer()).post(`/stays/${stayId}/check-in`).set('X-Request-Id', 'log-1').send({}).expect(200);
      await request(app.getHttpServer()).get(`/stays/${stayId}`).expect(200);
    } finally {
      await app.close();
      out.mockRestore();
    }
    const parsed = lines.filter((line) => line !== '').map((line) => JSON.parse(line));
    const requests = parsed.filter((line) => line.context === 'Http');
    expect(requests).toEqual([
      expect.objectContaining({ level: 'log', method: 'POST', route: '/stays/:stayId/check-in', status: 200, requestId: 'log-1', durationMs: expect.any(Number) }),
      expect.objectContaining({ method: 'GET', route: '/stays/:stayId', status: 200, requestId: expect.stringMatching(UUID) }),
    ]);
  });
});
