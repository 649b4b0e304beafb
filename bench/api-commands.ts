/**
 * API commands (check-in of a new stay, charge of a stay of ordinary length; unique ids) through HTTP against the API in
 * a child process, beside raw calls through pg doing the same write (write_message alone, and load + write_message as a
 * command that loads first would), at several concurrencies: requests/s, p50 / p99 latency and the API's CPU per
 * command; contenders interleaved.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createPool } from '../libs/store/src/message-db/connection';
import { findFreePort } from '../scripts/embedded-postgres';
import { BenchContext } from './figures';
import { Child, spawnApi } from './processes';
import { closedLoop, RateSample, RawCommand, rawCommands } from './baselines';
import { withScratchDatabase } from './scratch-database';
import { percentile, rotated } from './stats';
import { StaySupply } from './stay-supply';

export interface ApiSettings {
  readonly concurrencies: readonly number[];
  readonly roundMs: number;
  readonly warmUpMs: number;
}

type Command = 'check-in' | 'charge';
const COMMANDS: readonly Command[] = ['check-in', 'charge'];
const SECTION = 'api';
const CONTENDERS = ['ours', 'raw', 'raw load + write'] as const;
type Contender = (typeof CONTENDERS)[number];

export async function benchApiCommands(context: BenchContext, settings: ApiSettings): Promise<void> {
  const { figures, rounds, log } = context;
  await withScratchDatabase('api_bench', async (url) => {
    const pool = createPool(url, { max: Math.max(...settings.concurrencies) });
    const port = await findFreePort();
    const api = await spawnApi(url, port);
    try {
      const supplies = new Map(CONTENDERS.map((contender) => [contender, new StaySupply(pool)]));
      await Promise.all([...supplies.values()].map((supply) => supply.prepare()));
      const raw = rawCommands(pool, supplies.get('raw')!, { loadFirst: false });
      const rawLoadFirst = rawCommands(pool, supplies.get('raw load + write')!, { loadFirst: true });
      const loop = { durationMs: settings.roundMs, warmUpMs: settings.warmUpMs };
      for (let round = 0; round < rounds; round++) {
        for (const concurrency of rotated(settings.concurrencies, round)) {
          for (const command of COMMANDS) {
            const variant = `${command}, concurrency ${concurrency}`;
            const key = (contender: Contender, measure: string, unit: string, better: 'higher' | 'lower', baselines: string[] = []) =>
              figures.declare({
                section: SECTION,
                measure,
                subject: contender === 'ours' ? 'ours' : 'raw',
                variant: contender === 'raw load + write' ? `load + write, ${variant}` : variant,
                unit,
                better,
                baselines,
              });
            const rawRates = [key('raw', 'per s', '/s', 'higher'), key('raw load + write', 'per s', '/s', 'higher')];
            const runs: Record<Contender, () => Promise<RateSample>> = {
              ours: () => withAgent(concurrency, (agent) => closedLoop(concurrency, loop, viaApi(agent, port, command, supplies.get('ours')!))),
              raw: () => closedLoop(concurrency, loop, raw[command]),
              'raw load + write': () => closedLoop(concurrency, loop, rawLoadFirst[command]),
            };
            for (const contender of rotated(CONTENDERS, round)) {
              const cpuBefore = api.cpuSeconds();
              const sample = await runs[contender]();
              if (contender === 'ours') recordApiCpu(api, cpuBefore, sample, (measure) => key('ours', measure, 'ms', 'lower'), figures);
              figures.record(contender === 'ours' ? key('ours', 'per s', '/s', 'higher', rawRates) : key(contender, 'per s', '/s', 'higher'), sample.perSecond);
              figures.record(key(contender, 'p50', 'ms', 'lower'), percentile(sample.latencies, 0.5));
              figures.record(key(contender, 'p99', 'ms', 'lower'), percentile(sample.latencies, 0.99));
              log(`api round ${round + 1}/${rounds}: ${command} × ${concurrency} ${contender}: ${sample.perSecond.toFixed(0)}/s, p50 ${percentile(sample.latencies, 0.5).toFixed(1)} ms`);
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

/** The API process's CPU time per command over the whole loop (warm-up included). */
function recordApiCpu(api: Child, cpuBefore: number, sample: RateSample, key: (measure: string) => string, figures: BenchContext['figures']): void {
  figures.record(key('API CPU per command'), ((api.cpuSeconds() - cpuBefore) * 1000) / sample.operations);
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

/** One HTTP command per call: a check-in opens a new stay; a charge goes to worker w's stay of the supply. Anything but 200 fails the run. */
function viaApi(agent: http.Agent, port: number, command: Command, supply: StaySupply): RawCommand {
  return (worker) =>
    command === 'check-in'
      ? post(agent, port, `/stays/${randomUUID()}/check-in`, {})
      : supply.charge(worker, ({ stayId }) => post(agent, port, `/stays/${stayId}/charges`, { chargeId: randomUUID(), amount: 1 }));
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
