import pg from 'pg';
import { foldLedger, GroupLedger, Ledger, stayIdOf } from './ledger';
import { groupStream, readAllMessages, stayStream } from './store';

export interface InvariantOptions {
  /** Stays whose streams hold an event nobody can read: they must stay pending in their groups (and be nowhere else). */
  readonly unreadableStays?: ReadonlySet<string>;
}

export interface Figures {
  messages: number;
  stays: number;
  groups: number;
  selected: number;
  merged: number;
  failed: number;
  pending: number;
  transfers: number;
  checkedOut: number;
  chargedCents: number;
  paidCents: number;
  refundedCents: number;
  transferredCents: number;
  openCents: number;
}

export interface Verdict {
  readonly figures: Figures;
  /** Invariant name → example findings (stream names and counts). */
  readonly broken: Map<string, string[]>;
}

export const INVARIANTS = {
  oneTransfer: 'every stay has at most one TransferredToGroup',
  resolvedOnce: 'every selected stay of every group ends merged or failed exactly once',
  unreadablePending: 'a stay whose stream cannot be read stays pending until repaired',
  residualsMatch: "each group's merged residuals equal what its stays transferred",
  money: 'money neither created nor lost (charged + refunded = paid + transferred + open balance, to the cent)',
  writtenOnce: 'no event written twice (no duplicate ids, no repeated idempotent events)',
} as const;

export function judge(ledger: Ledger, options: InvariantOptions = {}): Verdict {
  const unreadable = options.unreadableStays ?? new Set<string>();
  const broken = new Map<string, string[]>();
  const fail = (invariant: keyof typeof INVARIANTS, finding: string) => {
    const name = INVARIANTS[invariant];
    broken.set(name, [...(broken.get(name) ?? []), finding]);
  };
  const figures: Figures = {
    messages: ledger.messages, stays: ledger.stays.size, groups: ledger.groups.size, selected: 0, merged: 0, failed: 0,
    pending: 0, transfers: 0, checkedOut: 0, chargedCents: 0, paidCents: 0, refundedCents: 0, transferredCents: 0, openCents: 0,
  };
  for (const [id, count] of ledger.messageIds) if (count > 1) fail('writtenOnce', `message id ${id} ×${count}`);
  for (const stay of ledger.stays.values()) {
    figures.transfers += stay.transfers.length;
    figures.checkedOut += stay.checkedOut;
    figures.chargedCents += stay.chargedCents;
    figures.paidCents += stay.paidCents;
    figures.refundedCents += stay.refundedCents;
    const transferred = stay.transfers.reduce((sum, t) => sum + t.residualCents, 0);
    figures.transferredCents += transferred;
    if (stay.transfers.length > 1) fail('oneTransfer', `${stay.stream} has ${stay.transfers.length} (groups ${stay.transfers.map((t) => t.groupId).join(', ')})`);
    if (stay.checkedIn > 1) fail('writtenOnce', `${stay.stream}: CheckedIn ×${stay.checkedIn}`);
    if (stay.checkedOut > 1) fail('writtenOnce', `${stay.stream}: CheckedOut ×${stay.checkedOut}`);
    if (stay.checkedOut > 0 && stay.transfers.length > 0) fail('money', `${stay.stream} both checked out and transferred`);
    for (const [id, n] of [...stay.chargeIds, ...stay.paymentIds, ...stay.refundIds]) if (n > 1) fail('writtenOnce', `${stay.stream}: charge/payment/refund ${id} ×${n}`);
    if (stay.afterClose > 0) fail('money', `${stay.stream}: ${stay.afterClose} charges/payments/refunds after it was closed`);
    const open = stay.chargedCents + stay.refundedCents - stay.paidCents - transferred;
    if (stay.transfers.length > 0 && open !== 0) {
      fail('money', `${stay.stream}: charged ${stay.chargedCents} + refunded ${stay.refundedCents} ≠ paid ${stay.paidCents} + transferred ${transferred} (¢)`);
    }
    if (stay.checkedOut > 0 && open !== 0) fail('money', `${stay.stream}: checked out with ${open}¢ outstanding`);
    if (stay.transfers.length === 0 && stay.checkedOut === 0) figures.openCents += open;
  }
  for (const group of ledger.groups.values()) judgeGroup(ledger, group, unreadable, figures, fail);
  return { figures, broken };
}

function judgeGroup(
  ledger: Ledger,
  group: GroupLedger,
  unreadable: ReadonlySet<string>,
  figures: Figures,
  fail: (invariant: keyof typeof INVARIANTS, finding: string) => void,
): void {
  const groupId = stayIdOf(group.stream);
  if (group.confirmed > 1) fail('writtenOnce', `${group.stream}: Confirmed ×${group.confirmed}`);
  for (const [id, n] of [...group.paymentIds, ...group.refundIds]) if (n > 1) fail('writtenOnce', `${group.stream}: payment/refund ${id} ×${n}`);
  for (const [stayId, n] of group.selected) {
    figures.selected++;
    if (n > 1) fail('writtenOnce', `${group.stream}: ${stayId} selected ×${n}`);
    const merges = group.merged.get(stayId)?.length ?? 0;
    const failures = group.failed.get(stayId) ?? 0;
    figures.merged += merges;
    figures.failed += failures;
    if (merges + failures === 0) figures.pending++;
    if (unreadable.has(stayId)) {
      if (merges + failures !== 0) fail('unreadablePending', `${group.stream}: unreadable ${stayStream(stayId)} merged ×${merges}, failed ×${failures}`);
    } else if (merges + failures !== 1) {
      fail('resolvedOnce', `${group.stream}: ${stayStream(stayId)} merged ×${merges}, failed ×${failures}`);
    }
  }
  for (const stayId of [...group.merged.keys(), ...group.failed.keys()]) {
    if (!group.selected.has(stayId)) fail('resolvedOnce', `${group.stream}: ${stayStream(stayId)} resolved but never selected`);
  }
  for (const [stayId, residuals] of group.merged) {
    const transfer = ledger.stays.get(stayStream(stayId))?.transfers.find((t) => t.groupId === groupId);
    if (!transfer) fail('residualsMatch', `${group.stream}: merged ${stayStream(stayId)} which never transferred to it`);
    else if (residuals.some((r) => r !== transfer.residualCents)) {
      fail('residualsMatch', `${group.stream}: ${stayStream(stayId)} merged ${residuals.join('/')}¢, transferred ${transfer.residualCents}¢`);
    }
  }
  for (const stay of ledger.stays.values()) {
    for (const transfer of stay.transfers) {
      if (transfer.groupId !== groupId) continue;
      const stayId = stayIdOf(stay.stream);
      if (group.failed.has(stayId)) fail('money', `${stay.stream} transferred ${transfer.residualCents}¢ to ${group.stream}, which recorded it failed`);
      if (!group.selected.has(stayId)) fail('money', `${stay.stream} transferred to ${group.stream}, which never selected it`);
    }
  }
}

/** Transfers to a group that it never merged, once nothing is pending (money lost between stay and group). */
export function strandedTransfers(ledger: Ledger): string[] {
  const stranded: string[] = [];
  for (const stay of ledger.stays.values()) {
    for (const transfer of stay.transfers) {
      const group = ledger.groups.get(groupStream(transfer.groupId));
      const stayId = stayIdOf(stay.stream);
      const pending = group && (group.merged.get(stayId)?.length ?? 0) + (group.failed.get(stayId) ?? 0) === 0;
      if (!group?.merged.has(stayId) && !pending) stranded.push(`${stay.stream} → ${groupStream(transfer.groupId)}`);
    }
  }
  return stranded;
}

/** Reads the store, judges it, prints the figures, and throws naming every broken invariant with examples. */
export async function assertInvariants(pool: pg.Pool, label: string, options: InvariantOptions = {}): Promise<Figures> {
  const ledger = foldLedger(await readAllMessages(pool));
  const { figures, broken } = judge(ledger, options);
  const stranded = strandedTransfers(ledger);
  if (stranded.length > 0) broken.set(INVARIANTS.money + ' (transferred, never merged)', stranded);
  console.log(`[faults] ${label} invariants: ${JSON.stringify(figures)}`);
  if (broken.size > 0) throw new Error(`${label}: broken invariants\n${describeBroken(broken)}`);
  return figures;
}

export function describeBroken(broken: Map<string, string[]>): string {
  return [...broken]
    .map(([name, findings]) => `  ✗ ${name}: ${findings.length} finding(s), e.g.\n      ${findings.slice(0, 4).join('\n      ')}`)
    .join('\n');
}

/** Selected stays neither merged nor failed, by group stream (for convergence waits and reports). */
export function pendingStays(ledger: Ledger): { group: string; stayId: string }[] {
  const pending: { group: string; stayId: string }[] = [];
  for (const group of ledger.groups.values()) {
    for (const stayId of group.selected.keys()) {
      if (!group.merged.has(stayId) && !group.failed.has(stayId)) pending.push({ group: group.stream, stayId });
    }
  }
  return pending;
}
