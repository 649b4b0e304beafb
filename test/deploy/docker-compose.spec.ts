import 'reflect-metadata';
import path from 'node:path';
import yaml from 'js-yaml';
import { ApiConfig, validateApiConfig } from '../../apps/api/src/config/api-config';
import { ReactorConfig, validateReactorConfig } from '../../apps/reactor/src/reactor.config';

import { builtEntry, read, settingsOf } from './app-entries';

// No Docker engine runs here: the compose file and the Dockerfile are checked by reading them against the code.

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = yaml.load(read('docker-compose.yml')) as { services: Record<string, Service> };
const { services } = compose;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, a one-shot db-init, the API and the reactor from one image', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'db-init', 'postgres', 'reactor']);
    for (const name of ['db-init', 'api', 'reactor']) {
      expect(services[name]).toMatchObject({ image: 'hotel-group-checkout:local', build: '.' });
    }
  });

  it('starts the files that the build produces', () => {
    expect(services.api.command).toEqual(['node', builtEntry('api')]);
    expect(services.reactor.command).toEqual(['node', builtEntry('reactor')]);
    const dbInitOut = JSON.parse(read('scripts/tsconfig.build.json')).compilerOptions.outDir as string;
    expect(services['db-init'].command).toEqual(['node', path.posix.join(path.posix.normalize(path.posix.join('scripts', dbInitOut)), 'scripts/db-init.js')]);
    expect(JSON.parse(read('package.json')).scripts.build).toContain('tsc -p scripts/tsconfig.build.json');
    expect(read('Dockerfile')).toContain(`CMD ["node", "${builtEntry('api')}"]`);
  });

  it('gives each app only settings it knows, and valid ones', () => {
    const check = (service: Service, configClass: Function, validate: (env: Record<string, string>) => unknown) => {
      const environment = service.environment ?? {};
      expect(Object.keys(environment).filter((key) => !settingsOf(configClass).includes(key))).toEqual([]);
      expect(() => validate(environment)).not.toThrow();
    };
    check(services.api, ApiConfig, validateApiConfig);
    check(services.reactor, ReactorConfig, validateReactorConfig);
  });

  it('points every app at the compose database and orders start-up behind db-init', () => {
    const { POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB } = services.postgres.environment!;
    const url = `postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres:5432/${POSTGRES_DB}`;
    for (const name of ['db-init', 'api', 'reactor']) expect(services[name].environment!.DATABASE_URL).toBe(url);
    expect(services['db-init'].depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'reactor']) {
      expect(services[name].depends_on).toEqual({ 'db-init': { condition: 'service_completed_successfully' } });
    }
  });

  it('makes the API listen on every interface of its container, whatever the defaults', () => {
    const imageEnvironment = Object.fromEntries(
      [...read('Dockerfile').matchAll(/^ENV (\w+)=(\S+)$/gm)].map(([, name, value]) => [name, value]),
    );
    const { HOST } = validateApiConfig({ ...imageEnvironment, ...services.api.environment });
    expect(['0.0.0.0', '::']).toContain(HOST);
    expect(imageEnvironment.HOST).toBe(HOST);
  });

  it('probes the health endpoints on the ports the apps listen on', () => {
    expect(services.api.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${services.api.environment!.PORT}/health/ready`);
    expect(services.reactor.healthcheck!.test.join(' ')).toContain(
      `127.0.0.1:${services.reactor.environment!.REACTOR_HTTP_PORT}/health/ready`,
    );
  });
});
