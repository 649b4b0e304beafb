import http from 'node:http';
import { AddressInfo } from 'node:net';
import { builtAdmin, builtEntry, read } from './app-entries';

// No Docker engine runs here: the Dockerfile is read against the build, and its health check script run on its own.
const dockerfile = read('Dockerfile');
const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));
const finalStage = instructions.slice(instructions.map((line) => line.startsWith('FROM ')).lastIndexOf(true));
const healthcheck = require('../../scripts/healthcheck.js') as {
  roleOf(commandLine: string): 'api' | 'reactor' | undefined;
  livenessUrl(role: string, environment: Record<string, string>): string | undefined;
  probe(url: string): Promise<number>;
};

describe('Dockerfile', () => {
  it('builds on and runs a supported Node LTS (an even major from 22 on), slim, in both stages', () => {
    const bases = instructions.filter((line) => line.startsWith('FROM ')).map((line) => line.split(' ')[1]);
    expect(bases).toHaveLength(2);
    for (const base of bases) {
      const [, major] = /^node:(\d+)-\w+-slim$/.exec(base) ?? [];
      expect(Number(major) >= 22 && Number(major) % 2 === 0).toBe(true);
    }
    expect(JSON.parse(read('package.json')).engines.node).toBe('>=20');
  });

  it('ships production dependencies only, the apps and the admin CLI, and runs them as a non-root user', () => {
    expect(dockerfile).toContain('npm run build && npm run build:admin && npm prune --omit=dev');
    expect(finalStage).toEqual(expect.arrayContaining(['COPY --from=build /app/node_modules ./node_modules', 'COPY --from=build /app/dist ./dist']));
    expect(builtAdmin().startsWith('dist/')).toBe(true);
    const user = finalStage.findIndex((line) => line.startsWith('USER '));
    expect(finalStage[user]).toBe('USER node');
    expect(user).toBeLessThan(finalStage.findIndex((line) => line.startsWith('CMD ')));
  });

  it('checks the health of whichever app the container runs', () => {
    expect(finalStage.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(/CMD \["node", "scripts\/healthcheck\.js"\]$/);
    expect(finalStage).toContain('COPY --from=build /app/scripts/healthcheck.js ./scripts/healthcheck.js');
    expect(healthcheck.roleOf(`node ${builtEntry('api')}`)).toBe('api');
    expect(healthcheck.roleOf(`node ${builtEntry('reactor')}`)).toBe('reactor');
    expect(healthcheck.roleOf(`node ${builtAdmin()} db init`)).toBeUndefined();
    expect(healthcheck.livenessUrl('api', {})).toBe('http://127.0.0.1:3000/health/live');
    expect(healthcheck.livenessUrl('api', { PORT: '8080' })).toBe('http://127.0.0.1:8080/health/live');
    expect(healthcheck.livenessUrl('reactor', { REACTOR_HTTP_PORT: '8081' })).toBe('http://127.0.0.1:8081/health/live');
    expect(healthcheck.livenessUrl('reactor', { REACTOR_HEALTH_PORT: '8082' })).toBe('http://127.0.0.1:8082/health/live');
    expect(healthcheck.livenessUrl('reactor', { REACTOR_HTTP_PORT: '0' })).toBeUndefined();
  });

  it('exits 0 while the liveness endpoint answers 2xx, 1 when it fails or nothing listens', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let status = 200;
    const server = http.createServer((request, response) => {
      response.writeHead(request.url === '/health/live' ? status : 404);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = healthcheck.livenessUrl('api', { PORT: String((server.address() as AddressInfo).port) })!;
      expect(await healthcheck.probe(url)).toBe(0);
      status = 503;
      expect(await healthcheck.probe(url)).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await healthcheck.probe('http://127.0.0.1:1/health/live')).toBe(1);
    expect(logged.mock.calls.map(([line]) => line)).toEqual([expect.stringMatching(/answered 503$/), expect.stringMatching(/^http:\/\/127\.0\.0\.1:1\/health\/live: /)]);
    logged.mockRestore();
  });
});
