import { buildAppsPrivately } from './support/build';
import { FaultHarness } from './support/harness';
import { crashScenario } from './scenarios/crash';
import { fuzzScenario } from './scenarios/fuzz';
import { outageScenario } from './scenarios/outage';
import { poisonScenario } from './scenarios/poison';
import { racesScenario } from './scenarios/races';
import { replayScenario } from './scenarios/replay';
import { scaleOutScenario } from './scenarios/scale-out';

// The fault suite: the built API and reactor run as OS processes against PostgreSQL; every outcome is judged from
// message_store.messages. Each scenario prints its figures; a failure names the invariant, counts and stream names.
const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000);
const SCENARIO_TIMEOUT_MS = 240_000;

describe('fault suite (real processes, real PostgreSQL)', () => {
  let harness: FaultHarness;

  beforeAll(() => {
    console.log(`[faults] seed ${SEED} (repeat with FAULTS_SEED=${SEED})`);
    harness = new FaultHarness(buildAppsPrivately());
  }, 300_000);

  afterEach(() => harness?.endScenario(), 60_000);

  afterAll(async () => {
    await harness?.dispose();
  }, 60_000);

  it('1. races: two groups and a check-out contend for each stay', () => racesScenario(harness), SCENARIO_TIMEOUT_MS);
  it('2. crash: SIGKILL the reactor at random moments, restart, converge', () => crashScenario(harness, SEED), SCENARIO_TIMEOUT_MS);
  it('3. outage: PostgreSQL refused, then black-holed, for ~10 s each', () => outageScenario(harness), SCENARIO_TIMEOUT_MS);
  it('4. fuzzing: generated requests and broken framing over every route', () => fuzzScenario(harness, SEED), SCENARIO_TIMEOUT_MS);
  it('5. replay: checkpoint reset to 0, then deleted: no new events', () => replayScenario(harness, SEED), SCENARIO_TIMEOUT_MS);
  it('6. scale-out: twin reactors, and a consumer group with a member killed', () => scaleOutScenario(harness, SEED), SCENARIO_TIMEOUT_MS);
  it('7. poison: unreadable stays among good ones; repaired in place', () => poisonScenario(harness, SEED), SCENARIO_TIMEOUT_MS);
});
