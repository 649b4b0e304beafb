import { ReactorStatus } from '@app/store';
import http from 'node:http';

/**
 * Liveness fails only when the reactor faulted; readiness also when its reads fail or go unanswered (overdue), or a
 * stream is stuck.
 */
export function assessHealth(status: ReactorStatus): { live: boolean; ready: boolean } {
  const live = status.state !== 'faulted';
  const readsAnswered = status.consecutiveReadErrors === 0 && !status.readOverdue;
  const ready = status.state === 'running' && readsAnswered && status.stuck.length === 0;
  return { live, ready };
}

/** A small HTTP endpoint for Kubernetes probes of the worker: /health/live, /health/ready and /health (the status). */
export function startHealthServer(port: number, status: () => ReactorStatus): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const current = status();
    const { live, ready } = assessHealth(current);
    const route = (request.url ?? '').split('?')[0];
    const healthy = route === '/health/live' ? live : ready;
    if (!['/health', '/health/live', '/health/ready'].includes(route) || request.method !== 'GET') {
      response.writeHead(404, { 'content-type': 'application/problem+json' });
      response.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No route ${route}` }));
      return;
    }
    response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: healthy ? 'ok' : 'error', live, ready, reactor: current }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
