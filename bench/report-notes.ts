/** The prose of docs/benchmarks.md: the issue's goals judged from a run's figures, each section's limits, how to run. */
import { Figure } from './figures';
import { CHARGES_PER_STAY } from './stay-supply';

type ByKey = ReadonlyMap<string, Figure>;

export interface Goal {
  evaluate(byKey: ByKey): [goal: string, measured: string, met: string];
}

const ours = (byKey: ByKey, section: string, measure: string): Figure[] =>
  [...byKey.values()].filter((f) => f.section === section && f.subject === 'ours' && f.measure === measure);

const ratioTo = (figure: Figure, baseline: string): number | undefined => figure.ratios.find((r) => r.baseline === baseline)?.ratio;

/** The weakest of the figures' ratios to the baseline (the goal must hold for each). */
function weakestRatio(goal: string, figures: Figure[], baseline: (f: Figure) => string, target: number, atMost = false): Goal['evaluate'] {
  return () => {
    const ratios = figures.flatMap((f) => {
      const ratio = ratioTo(f, baseline(f));
      return ratio === undefined ? [] : [{ f, ratio }];
    });
    if (ratios.length === 0) return [goal, 'not measured', '–'];
    const worst = ratios.reduce((a, b) => ((atMost ? b.ratio > a.ratio : b.ratio < a.ratio) ? b : a));
    const met = atMost ? worst.ratio <= target : worst.ratio >= target;
    return [goal, `${worst.ratio.toFixed(2)}× at worst${worst.f.variant ? ` (${worst.f.variant})` : ''}`, met ? 'yes' : 'no'];
  };
}

function threshold(goal: string, figure: Figure | undefined, limit: number): [string, string, string] {
  if (!figure) return [goal, 'not measured', '–'];
  return [goal, `${figure.median.toFixed(1)} ${figure.unit}`, figure.median <= limit ? 'yes' : 'no'];
}

function notSlower(goal: string, low: Figure | undefined, high: Figure | undefined): [string, string, string] {
  if (!low || !high) return [goal, 'not measured', '–'];
  const ratio = high.median / low.median;
  return [goal, `${high.median.toFixed(1)} vs ${low.median.toFixed(1)} ${low.unit} (${ratio.toFixed(2)}×)`, ratio >= 0.95 ? 'yes' : 'no'];
}

const byStreams = (figures: Figure[]) =>
  [...figures].sort((a, b) => Number(/=(\d+)/.exec(a.variant ?? '')?.[1]) - Number(/=(\d+)/.exec(b.variant ?? '')?.[1]));

export const GOALS: readonly Goal[] = [
  { evaluate: (k) => weakestRatio('burst groups/s ≥ 2× equinox-js', ours(k, 'burst', 'groups/s'), () => 'burst/groups/s/equinox-js', 2)(k) },
  { evaluate: (k) => weakestRatio('burst groups/s ≥ 60 % of the raw-write floor', ours(k, 'burst', 'groups/s'), () => 'burst/groups/s/raw', 0.6)(k) },
  {
    evaluate: (k) => {
      const sorted = byStreams(ours(k, 'burst', 'groups/s'));
      return notSlower('burst: most streams not slower than fewest (within 5 %)', sorted[0], sorted[sorted.length - 1]);
    },
  },
  {
    evaluate: (k) =>
      weakestRatio('clerk writes during the burst ≤ 1.5× idle', ours(k, 'burst', 'clerk write p50'), () => 'burst/clerk write p50/raw', 1.5, true)(k),
  },
  { evaluate: (k) => threshold('idle lead time p50 ≤ 5 ms (NOTIFY)', k.get('lead-time/p50/ours/NOTIFY'), 5) },
  { evaluate: (k) => threshold('idle lead time p99 ≤ 25 ms (NOTIFY)', k.get('lead-time/p99/ours/NOTIFY'), 25) },
  { evaluate: (k) => weakestRatio('API commands ≥ 60 % of raw write_message', ours(k, 'api', 'per s'), (f) => f.baselines![0], 0.6)(k) },
  ...['check-in', 'charge'].map((command) => ({
    evaluate: (k: ByKey) =>
      notSlower(`API ${command}/s not falling from concurrency 16 to 64`, k.get(`api/per s/ours/${command}, concurrency 16`), k.get(`api/per s/ours/${command}, concurrency 64`)),
  })),
  { evaluate: (k) => weakestRatio('catch-up ≥ 2× equinox-js', ours(k, 'catch-up', 'events/s'), () => 'catch-up/events/s/equinox-js', 2)(k) },
  { evaluate: (k) => weakestRatio('catch-up ≥ 50 % of raw get_category_messages', ours(k, 'catch-up', 'events/s'), () => 'catch-up/events/s/raw', 0.5)(k) },
  {
    evaluate: (k) => {
      const peaks = ours(k, 'catch-up', 'reactor peak RSS').concat(ours(k, 'burst', 'reactor peak RSS'));
      if (peaks.length === 0) return ['reactor RSS ≤ 128 MiB', 'not measured', '–'];
      const worst = Math.max(...peaks.map((f) => f.max));
      return ['reactor RSS ≤ 128 MiB', `${worst.toFixed(0)} MiB (highest peak of any run)`, worst <= 128 ? 'yes' : 'no'];
    },
  },
];

export const LIMITS: Readonly<Record<string, string>> = {
  burst:
    'What limits these figures: every write of a category takes Message DB\'s per-category advisory lock to commit, so the ' +
    'reactions\' GuestStay transfers, the clerk\'s writes and (for the floor) the raw writers all queue on the GuestStay lock; ' +
    'on 2 cores the reactor process, PostgreSQL and the benchmark\'s own writer and pollers compete for CPU, so a reactor ' +
    'that spends less CPU per reaction also leaves more to the server. The window runs from the first StaysSelected to the ' +
    'last reaction as Message DB timestamps them (transaction start, not commit), so it includes the time the one writer ' +
    'needs to write the selections. The raw floor does no reads and no decisions: it is what the writes alone cost at that ' +
    'concurrency. The clerk writes one CheckedIn at a time with a 5 ms pause; "idle" is the same clerk with the reactor ' +
    'running and idle just before the burst. Reactor CPU is the child process\'s whole life (start-up and warm-up included); ' +
    'its connections are the peak count in pg_stat_activity; the lock waiters are the sessions (reactor, clerk, writer) ' +
    'that pg_stat_activity shows waiting for an advisory lock, sampled every 200 ms during the burst. equinox-js runs with its apps/hotel defaults (pool of 10, 10 streams, checkout ' +
    'parallelism 10, in-memory state cache), from a bundle of its sources (not its published packages).',
  'lead-time':
    'What limits these figures: with NOTIFY, the wake-up hint\'s delivery (a few ms on an idle server) plus one feed read, ' +
    'one read of the stays (ours takes the group\'s state from the feed\'s events) and one write transaction (ours: the ' +
    'transfers and the group\'s StaysMerged together); polling adds on average half the tail sleep. Groups ' +
    'arrive one by one, so this is the idle case, not a backlog.',
  api:
    'What limits these figures: the load generator runs on the same 2 cores as the API and PostgreSQL (its HTTP client ' +
    'costs CPU too), and every command is an HTTP round trip, authentication, validation, the command\'s decision and its ' +
    'write_message (the API decides on its state cache for a stay it has seen, and assumes a new stay for a check-in, so ' +
    'most commands are that one round trip), while the raw peers are the write_message alone, and a load then the write_message (what a command ' +
    'that reads its stream before deciding costs in round trips), through pg (64 raw connections queue on the category ' +
    'lock, while the API holds at most DB_CONNECTIONS). Check-ins go to new streams; each worker charges a stay ' +
    `${CHARGES_PER_STAY} times, then takes a fresh one (checked in and charged, inserted ahead of need), so a charge ` +
    'meets a stay of ordinary length and no conflicts. All writes take the GuestStay category lock, which caps every ' +
    'contender at high concurrency. API CPU per command is the API process\'s user + system time over the whole loop ' +
    '(warm-up included) divided by the commands it served.',
  'catch-up':
    'What limits these figures: the backlog is finished groups (each group\'s 4 events adjacent), so the reactors read ' +
    'and decide nothing: equinox-js loads each group once (its cache starts cold), ours folds the feed\'s events of each ' +
    'group (they start at the stream\'s first event) and reads nothing more; the raw peer only pages through get_category_messages on one connection and ' +
    'decodes nothing. Each reactor\'s start-up (process start to its first reaction on an empty category, measured in the same ' +
    'round) is subtracted; its own figure is shown. Peak RSS is the child process\'s VmHWM; CPU its whole life, start-up included.',
};

export const REPRODUCE = [
  '```sh',
  '# the equinox-js comparison needs its hotel reactor built outside this repository (see below); without it, it is skipped',
  'export EQX_HOTEL_REACTOR=/path/to/eqx/dist/reactor.cjs',
  'npm run bench                 # full matrix; embedded PostgreSQL unless BENCH_DATABASE_URL / DATABASE_URL is set',
  'npm run bench -- --quick      # smoke run: small sizes, 1 round',
  'npm run bench -- --rounds 5 --only burst,catch-up',
  'npm run bench -- --report     # re-render this file: each section from the newest bench/results/*.json that measured it',
  '```',
  '',
  'The reactor and the API run as `npm start` runs them: `nest build` output in child processes (built first when the',
  'sources changed); the reactor with `PROJECTIONS=false`, the group checkout reactor alone, as equinox-js\'s. Every figure is the median of its rounds; contenders are interleaved and each round starts with',
  'another one. Each run gets a fresh scratch database (a copy of a prepared template), dropped afterwards.',
  '',
  'equinox-js\'s hotel reactor: take apps/hotel and packages/* of equinox-js (github.com/nordfjord/equinox-js), npm-install',
  'its third-party runtime dependencies at the versions of its pnpm-lock (pg, @opentelemetry/api, lru-cache 7, immer,',
  'variant, @js-joda/core, p-limit, @aws-sdk/client-dynamodb), and bundle with esbuild a small entry that starts only its',
  'GroupCheckout reactor on Message DB as apps/hotel/src/entrypoints/main.ts does (tail sleep 1 s), resolving',
  '@equinox-js/* to the workspace sources. It reads DATABASE_URL; its checkpoint table comes from apps/hotel/migrations',
  '(EQX_HOTEL_MIGRATIONS, default ../src/apps/hotel/migrations beside the bundle\'s directory). Message DB itself is',
  'installed by this repository\'s installer in both cases.',
].join('\n');
