import { MemoryStore } from '@app/store';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../../../apps/api/src/app.module';
import { configureApp } from '../../../apps/api/src/configure-app';
import { EVENT_STORE } from '../../../apps/api/src/infrastructure/store-infrastructure';
import { MessageDbConnections } from '@app/store/nest';
import { createApiApp } from '../../support/api-app';

describe('the API on its Express adapter (ETag and Position without an interceptor)', () => {
  it('refuses to configure an application built on the plain Express adapter, which would answer without ETag', async () => {
    const module = await Test.createTestingModule({ imports: [AppModule.forRoot({ environment: {} })] })
      .overrideProvider(MessageDbConnections)
      .useValue({})
      .overrideProvider(EVENT_STORE)
      .useValue(new MemoryStore())
      .compile();
    const app = module.createNestApplication<NestExpressApplication>({ logger: false });
    try {
      expect(() => configureApp(app)).toThrow('The API must be created on the ApiExpressAdapter');
    } finally {
      await app.close();
    }
  });

  it('answers a command with its status, the body alone as JSON, and the version and position as headers', async () => {
    const app = await createApiApp({ environment: {}, store: new MemoryStore() });
    try {
      const [stayId, groupId] = [randomUUID(), randomUUID()];
      const http = () => request(app.getHttpServer());
      const checkedIn = await http().post(`/stays/${stayId}/check-in`).set('X-Request-Id', 'check-in-7').send({ room: '12B' }).expect(200);
      expect(checkedIn.headers).toMatchObject({
        etag: '"1"',
        position: expect.stringMatching(/^\d+$/),
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(checkedIn.text)),
        'x-request-id': 'check-in-7',
      });
      expect(checkedIn.body).toMatchObject({ stayId, status: 'open', room: '12B', folio: [] });
      expect(Object.keys(checkedIn.body)).not.toContain('version');
      const selected = await http().post(`/group-checkouts/${groupId}/stays`).send({ stayIds: [stayId] }).expect(202);
      expect(selected.headers).toMatchObject({ etag: '"1"', 'content-type': 'application/json; charset=utf-8' });
      expect(selected.body).toMatchObject({ groupCheckoutId: groupId });
    } finally {
      await app.close();
    }
  });

  it('answers a read through Express: ETag, 304 on a matching If-None-Match, and no body for HEAD', async () => {
    const app = await createApiApp({ environment: {}, store: new MemoryStore() });
    try {
      const stayId = randomUUID();
      const http = () => request(app.getHttpServer());
      await http().post(`/stays/${stayId}/check-in`).send({}).expect(200);
      const read = await http().get(`/stays/${stayId}`).expect(200);
      expect(read.headers).toMatchObject({ etag: '"1"', 'content-type': 'application/json; charset=utf-8' });
      expect(read.headers.position).toBeUndefined();
      await http().get(`/stays/${stayId}`).set('If-None-Match', '"1"').expect(304);
      const head = await http().head(`/stays/${stayId}`).expect(200);
      expect(head.headers).toMatchObject({ etag: '"1"', 'content-length': read.headers['content-length'] });
      expect(head.text).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
