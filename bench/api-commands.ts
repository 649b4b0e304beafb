/**
 * API commands (check-in of a new stay, charge of the worker's own stay; unique ids) through HTTP against the API in a
 * child process, beside raw write_message calls through pg doing the same write, at several concurrencies: requests/s
 * and p50 / p99 latency, API and raw interleaved.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createPool } from '../libs/store/src/message-db/connection';
import { findFreePort } from '../scripts/embedded-postgres';
import { BenchContext } from './figures';
import { insertChargedStays, STREAM_IDS } from './fixtures';
import { spawnApi } from './processes';
import { closedLoop, RateSample, rawCommands } from './baselines';
import { withScratchDatabase } from './scratch-database';
import { percentile, rotated } from './stats';

export interface ApiSettings {
  readonly concurrencies: readonly number[];
  readonly roundMs: number;
  readonly warmUpMs: number;
}

type Command = 'check-in' | 'charge';
const COMMANDS: readonly Command[] = ['check-in', 'charge'];
const SECTION = 'api';

export async function benchApiCommands(context: BenchContext, settings: ApiSettings): Promise<void> {
  const { figures, rounds, log } = context;
  const newStays = () => Array.from({ length: Math.max(...settings.concurrencies) }, () => randomUUID());
  const [apiStays, rawStays] = [newStays(), newStays()];
  await withScratchDatabase('api_bench', async (url) => {
    const pool = createPool(url, { max: Math.max(...settings.concurrencies) });
    const port = await findFreePort();
    const api = await spawnApi(url, port);
    try {
      await insertChargedStays(pool, [...apiStays, ...rawStays], [STREAM_IDS.ours]);
      const raw = rawCommands(pool, rawStays);
      for (let round = 0; round < rounds; round++) {
        for (const concurrency of rotated(settings.concurrencies, round)) {
          for (const command of COMMANDS) {
            const key = (subject: 'ours' | 'raw', what: string, unit: string, better: 'higher' | 'lower', baselines: string[] = []) =>
              figures.declare({ section: SECTION, measure: what, subject, variant: `${command}, concurrency ${concurrency}`, unit, better, baselines });
            const rawRate = key('raw', 'per s', '/s', 'higher');
            const loop = { durationMs: settings.roundMs, warmUpMs: settings.warmUpMs };
            const runs = {
              ours: () => withAgent(concurrency, (agent) => closedLoop(concurrency, loop, viaApi(agent, port, command, apiStays))),
              raw: () => closedLoop(concurrency, loop, raw[command]),
            };
            for (const subject of rotated(['ours', 'raw'] as const, round)) {
              const sample: RateSample = await runs[subject]();
              figures.record(subject === 'ours' ? key('ours', 'per s', '/s', 'higher', [rawRate]) : rawRate, sample.perSecond);
              figures.record(key(subject, 'p50', 'ms', 'lower'), percentile(sample.latencies, 0.5));
              figures.record(key(subject, 'p99', 'ms', 'lower'), percentile(sample.latencies, 0.99));
              log(`api round ${round + 1}/${rounds}: ${command} × ${concurrency} ${subject}: ${sample.perSecond.toFixed(0)}/s, p50 ${percentile(sample.latencies, 0.5).toFixed(1)} ms`);
            }
          }
        }
      }
    } finally {
      await api.stop();
      await pool.end();
    }
  }, { server: context.server });
}

/**
 * Keep-alive connections for one measurement only: the API closes connections idle for 5 s (Node's keepAliveTimeout),
 * and reusing one it is closing would fail a request.
 */
async function withAgent<T>(sockets: number, work: (agent: http.Agent) => Promise<T>): Promise<T> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  try {
    return await work(agent);
  } finally {
    agent.destroy();
  }
}

/** One HTTP command per call: worker w charges stays[w]; a check-in opens a new stay. Anything but 200 fails the run. */
function viaApi(agent: http.Agent, port: number, command: Command, stays: readonly string[]): (worker: number) => Promise<void> {
  return (worker) =>
    command === 'check-in'
      ? post(agent, port, `/stays/${randomUUID()}/check-in`, {})
      : post(agent, port, `/stays/${stays[worker]}/charges`, { chargeId: randomUUID(), amount: 1 });
}

function post(agent: http.Agent, port: number, path: string, body: object): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`POST ${path}: ${response.statusCode}`))));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
