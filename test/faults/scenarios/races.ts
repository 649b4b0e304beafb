import { randomUUID } from 'node:crypto';
import { waitForConvergence } from '../support/convergence';
import { FaultHarness, figuresLine } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { foldLedger } from '../support/ledger';
import { mapConcurrently } from '../support/polling';
import { readAllMessages, stayStream } from '../support/store';
import { ApiAnswer, ApiClient, apiClient } from '../support/workload';

const STAYS = 120;

interface Contest {
  readonly stayId: string;
  readonly paidUp: boolean;
  readonly answers: { selectA: ApiAnswer; selectB: ApiAnswer; checkOut: ApiAnswer };
}

/** Scenario 1: every stay contested at the same moment by two groups and its own check-out, through the API. */
export async function racesScenario(harness: FaultHarness): Promise<void> {
  const db = await harness.database();
  const api = await harness.startApi('api', db.url);
  await harness.startReactor('reactor', db.url);
  const client = apiClient(api.baseUrl);
  const stays = await mapConcurrently(Array.from({ length: STAYS }, (_, i) => i), 8, (i) => openStay(client, i % 2 === 0));
  const contests = await mapConcurrently(stays, 10, (stay) => contest(client, stay.stayId, stay.paidUp));
  const convergedMs = await waitForConvergence(db.pool, 90_000);
  const ledger = foldLedger(await readAllMessages(db.pool));
  const problems = judgeContests(contests, (stayId) => ledger.stays.get(stayStream(stayId)));
  figuresLine('races', { ...problems.figures, convergedMs });
  await assertInvariants(db.pool, 'races');
  if (problems.findings.length > 0) throw new Error(`races: ${problems.findings.length} finding(s):\n  ${problems.findings.slice(0, 8).join('\n  ')}`);
}

async function openStay(client: ApiClient, paidUp: boolean): Promise<{ stayId: string; paidUp: boolean }> {
  const stayId = randomUUID();
  const cents = 1_000 + Math.floor(Math.random() * 90_000);
  for (const answer of [await client.checkIn(stayId), await client.charge(stayId, cents), ...(paidUp ? [await client.pay(stayId, cents)] : [])]) {
    if (answer.status !== 200) throw new Error(`setting up ${stayStream(stayId)} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return { stayId, paidUp };
}

async function contest(client: ApiClient, stayId: string, paidUp: boolean): Promise<Contest> {
  const [selectA, selectB, checkOut] = await Promise.all([
    client.select(randomUUID(), [stayId]),
    client.select(randomUUID(), [stayId]),
    client.checkOut(stayId),
  ]);
  return { stayId, paidUp, answers: { selectA, selectB, checkOut } };
}

const problemType = (answer: ApiAnswer) => String(answer.body.type ?? '');

function judgeContests(contests: readonly Contest[], stayOf: (stayId: string) => { checkedOut: number; transfers: unknown[] } | undefined) {
  const findings: string[] = [];
  const figures = { stays: contests.length, checkedOutWins: 0, groupWins: 0, checkOut200: 0, checkOut409: 0, conflicts409: 0, select202: 0 };
  for (const { stayId, paidUp, answers } of contests) {
    const name = stayStream(stayId);
    for (const [what, answer] of Object.entries(answers)) {
      if (answer.status === 0 || answer.status >= 500) findings.push(`${name}: ${what} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      if (answer.status === 409 && problemType(answer).endsWith('concurrent-modification')) {
        figures.conflicts409++;
        findings.push(`${name}: ${what} answered 409 concurrent-modification under contention`);
      }
    }
    for (const select of [answers.selectA, answers.selectB]) {
      if (select.status === 202) figures.select202++;
      else findings.push(`${name}: select answered ${select.status} ${problemType(select)}, expected 202`);
    }
    if (answers.checkOut.status === 200) figures.checkOut200++;
    if (answers.checkOut.status === 409) figures.checkOut409++;
    const stay = stayOf(stayId);
    const winners = (stay?.checkedOut ?? 0) + (stay?.transfers.length ?? 0);
    if (winners !== 1) findings.push(`${name}: ${winners} winners (checked out ×${stay?.checkedOut}, transfers ×${stay?.transfers.length})`);
    if (stay?.checkedOut) figures.checkedOutWins++;
    else figures.groupWins++;
    if (answers.checkOut.status === 200 && !stay?.checkedOut) findings.push(`${name}: check-out answered 200 but no CheckedOut was written`);
    if (!paidUp && answers.checkOut.status === 200) findings.push(`${name}: checked out with a balance outstanding`);
  }
  return { figures, findings };
}
