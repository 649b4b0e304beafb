import { MemoryStore } from '@app/store';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { AddressInfo, Socket } from 'node:net';
import request from 'supertest';
import { createApiApp } from '../../support/api-app';

const PROBLEM_JSON = /^application\/problem\+json/;
const TOKEN = 'a-test-token-of-sufficient-length';

/** Sends raw bytes to the listening app; resolves with all it answered once it closed the connection. */
async function rawExchange(app: NestExpressApplication, bytes: string): Promise<string> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const socket = new Socket();
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.connect(port, '127.0.0.1', () => socket.write(bytes));
  await closed;
  return answer;
}

function parseRawResponse(raw: string): { statusLine: string; headers: Record<string, string>; body: unknown } {
  const [head, body] = raw.split('\r\n\r\n', 2);
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { statusLine, headers, body: JSON.parse(body) };
}

describe('HTTP edges (in memory)', () => {
  describe('without API_TOKEN', () => {
    let app: NestExpressApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      app = await createApiApp({ environment: {}, store: new MemoryStore() });
    });
    afterAll(() => app.close());

    it('serves every route without credentials', async () => {
      await http().post(`/stays/${randomUUID()}/check-in`).send({}).expect(200);
    });

    it('answers malformed JSON with a 400 problem', async () => {
      const response = await http()
        .post(`/stays/${randomUUID()}/charges`)
        .set('Content-Type', 'application/json')
        .send('{"chargeId": "x", "amount": 1,')
        .expect(400);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({
        type: 'urn:hotel-checkout:problem:malformed-json',
        title: 'Malformed JSON',
        status: 400,
        detail: expect.stringMatching(/^The request body is not valid JSON: /),
      });
    });

    it('answers a body over 100 kB with a 413 problem, and takes a 1000-stay selection under it', async () => {
      const tooMany = Array.from({ length: 3000 }, () => randomUUID());
      const tooLarge = await http().post(`/group-checkouts/${randomUUID()}/stays`).send({ stayIds: tooMany }).expect(413);
      expect(tooLarge.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(tooLarge.body).toMatchObject({
        type: 'urn:hotel-checkout:problem:payload-too-large',
        status: 413,
        detail: 'The request body exceeds the limit of 100 kB.',
      });
      const atMost = Array.from({ length: 1000 }, () => randomUUID());
      await http().post(`/group-checkouts/${randomUUID()}/stays`).send({ stayIds: atMost }).expect(202);
    });

    it('answers an unknown route, or an unknown method on a known path, with a 404 problem', async () => {
      const unknown = await http().get('/rooms/12?x=1').expect(404);
      expect(unknown.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(unknown.body).toEqual({
        type: 'urn:hotel-checkout:problem:route-not-found',
        title: 'Not Found',
        status: 404,
        detail: 'No route matches GET /rooms/12.',
        instance: '/rooms/12?x=1',
      });
      await http().delete(`/stays/${randomUUID()}`).expect(404);
    });

    it('answers a malformed percent-encoding in the path with a 400 problem', async () => {
      const response = await http().get('/stays/%E0%A4%A').expect(400);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    });

    it('serves the OpenAPI document, generated from the DTOs with the problem responses, and Swagger UI', async () => {
      const { body: document } = await http().get('/openapi.json').expect(200);
      expect(Object.keys(document.paths).sort()).toEqual([
        '/group-checkouts',
        '/group-checkouts/{groupCheckoutId}',
        '/group-checkouts/{groupCheckoutId}/confirm',
        '/group-checkouts/{groupCheckoutId}/events',
        '/group-checkouts/{groupCheckoutId}/payments',
        '/group-checkouts/{groupCheckoutId}/refunds',
        '/group-checkouts/{groupCheckoutId}/stays',
        '/health',
        '/health/live',
        '/health/ready',
        '/stays',
        '/stays/{stayId}',
        '/stays/{stayId}/charges',
        '/stays/{stayId}/check-in',
        '/stays/{stayId}/check-out',
        '/stays/{stayId}/payments',
        '/stays/{stayId}/refunds',
      ]);
      expect(document.components.schemas.ChargeRequest.required).toEqual(['chargeId', 'amount']);
      expect(document.components.schemas.SelectStaysRequest.properties.stayIds).toMatchObject({ minItems: 1, maxItems: 1000 });
      const checkOut = document.paths['/stays/{stayId}/check-out'].post;
      expect(Object.keys(checkOut.responses).sort()).toEqual(['200', '400', '401', '404', '409', '412', '500', '503']);
      expect(checkOut.responses['409'].content['application/problem+json'].schema).toEqual({
        $ref: '#/components/schemas/ProblemDocument',
      });
      const select = document.paths['/group-checkouts/{groupCheckoutId}/stays'].post;
      expect(select.responses['202'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/GroupCheckoutView',
      });
      const ui = await http().get('/docs/').expect(200);
      expect(ui.text).toContain('swagger-ui');
    });

    it('answers the health probes', async () => {
      const live = await http().get('/health/live').expect(200);
      expect(live.body).toMatchObject({ status: 'ok', details: { process: { status: 'up' } } });
      const ready = await http().get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({ status: 'ok', details: { store: { status: 'up' } } });
      const all = await http().get('/health').expect(200);
      expect(Object.keys(all.body.details).sort()).toEqual(['process', 'store']);
    });
  });

  describe('on a socket, with broken HTTP framing', () => {
    let app: NestExpressApplication;

    beforeAll(async () => {
      app = await createApiApp({ environment: {}, store: new MemoryStore() });
      await app.listen(0, '127.0.0.1');
    });
    afterAll(() => app.close());

    it.each([
      ['garbage', 'GARBAGE\r\n\r\n', 400, 'Bad Request', 'HPE_INVALID_METHOD'],
      ['a bad Content-Length', 'POST /stays HTTP/1.1\r\nContent-Length: ten\r\n\r\n', 400, 'Bad Request', 'HPE_INVALID_CONTENT_LENGTH'],
      [
        'an over-long header',
        `GET / HTTP/1.1\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
        'Request Header Fields Too Large',
        'HPE_HEADER_OVERFLOW',
      ],
    ])('answers %s with a problem document, then closes the connection', async (_, bytes, status, title, code) => {
      const response = parseRawResponse(await rawExchange(app, bytes));
      expect(response.statusLine).toBe(`HTTP/1.1 ${status} ${title}`);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.headers.connection).toBe('close');
      expect(response.body).toEqual({ type: 'about:blank', title, status, detail: `The request is not valid HTTP/1.1 (${code}).` });
    });

    it('does not apply a command whose body breaks its framing after well-formed headers', async () => {
      const stayId = randomUUID();
      const bytes = `POST /stays/${stayId}/check-in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2;\x01\r\n{}\r\n0\r\n\r\n`;
      const response = parseRawResponse(await rawExchange(app, bytes));
      expect(response.statusLine).toBe('HTTP/1.1 400 Bad Request');
      await request(app.getHttpServer()).get(`/stays/${stayId}`).expect(404);
    });

    it('answers a body over the limit that no parser reads with a 413 problem', async () => {
      await request(app.getHttpServer())
        .post(`/stays/${randomUUID()}/check-out`)
        .set('Content-Type', 'text/plain')
        .send('x'.repeat(150_000))
        .expect(413)
        .expect('Content-Type', PROBLEM_JSON);
    });

    it('answers a well-formed request on a socket as before', async () => {
      const raw = await rawExchange(app, 'GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(raw).toContain('"status":"ok"');
    });
  });

  describe('with API_TOKEN', () => {
    let app: NestExpressApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      app = await createApiApp({ environment: { API_TOKEN: TOKEN, CORS_ORIGINS: 'https://desk.example.com' }, store: new MemoryStore() });
    });
    afterAll(() => app.close());

    it('refuses a request without a token with a 401 problem and a challenge', async () => {
      const response = await http().get(`/stays/${randomUUID()}`).expect(401);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="hotel-checkout"');
      expect(response.body).toMatchObject({ type: 'urn:hotel-checkout:problem:unauthorized', status: 401 });
    });

    it.each([
      ['a wrong token', `Bearer ${TOKEN}x`],
      ['a prefix of the token', `Bearer ${TOKEN.slice(0, 10)}`],
      ['another scheme', `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`],
    ])('refuses %s', async (_, authorization) => {
      const response = await http().post(`/stays/${randomUUID()}/check-in`).set('Authorization', authorization).expect(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="hotel-checkout"/);
    });

    it('names an invalid token in the challenge', async () => {
      const response = await http().get(`/stays/${randomUUID()}`).set('Authorization', 'Bearer nope').expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="hotel-checkout", error="invalid_token"');
    });

    it('lets the right token through, on every kind of route', async () => {
      const stayId = randomUUID();
      const auth = `Bearer ${TOKEN}`;
      await http().post(`/stays/${stayId}/check-in`).set('Authorization', auth).send({}).expect(200);
      await http().get(`/stays/${stayId}`).set('Authorization', auth).expect(200);
      await http().get(`/stays/${stayId}`).set('Authorization', `bearer  ${TOKEN}`).expect(200);
      await http().get(`/group-checkouts/${randomUUID()}`).set('Authorization', auth).expect(404);
    });

    it('checks the token before validating the request', async () => {
      await http().post('/stays/not-a-uuid/charges').send({}).expect(401);
    });

    it('answers a CORS preflight without a token (a browser sends none with it), and refuses the request itself', async () => {
      const origin = 'https://desk.example.com';
      const preflight = http().options(`/stays/${randomUUID()}`).set('Origin', origin).set('Access-Control-Request-Method', 'GET');
      await preflight.expect(204).expect('Access-Control-Allow-Origin', origin);
      const refused = await http().get(`/stays/${randomUUID()}`).set('Origin', origin).expect(401);
      expect(refused.headers['access-control-allow-origin']).toBe(origin); // so that the script can read the 401
    });

    it('keeps the health probes and the API documentation public', async () => {
      await http().get('/health').expect(200);
      await http().get('/health/live').expect(200);
      await http().get('/health/ready').expect(200);
      await http().get('/openapi.json').expect(200);
    });
  });
});
