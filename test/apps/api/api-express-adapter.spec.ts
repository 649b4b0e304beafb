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

  it('answers a command with the body alone, and the version and position as headers', async () => {
    const app = await createApiApp({ environment: {}, store: new MemoryStore() });
    try {
      const stayId = randomUUID();
      const response = await request(app.getHttpServer()).post(`/stays/${stayId}/check-in`).send({ room: '12B' }).expect(200);
      expect(response.headers).toMatchObject({ etag: '"1"', position: expect.stringMatching(/^\d+$/) });
      expect(response.body).toMatchObject({ stayId, status: 'open', room: '12B', folio: [] });
      expect(Object.keys(response.body)).not.toContain('version');
    } finally {
      await app.close();
    }
  });
});
