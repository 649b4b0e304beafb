import { AdminCommand } from '../command';
import { AdminContext } from '../context';
import { usageError } from '../errors';
import { categoryTail, eventsBehind } from './category-tail';
import { CheckpointRow, checkpointRows, deleteCheckpoints, requireCheckpoints, setPositions } from './checkpoint-rows';
import { refuseWhileLive } from './liveness';

const FORCE = { force: { type: 'boolean' } } as const;

const list: AdminCommand = {
  words: ['checkpoints', 'list'],
  args: '[<processor>]',
  summary: 'each checkpoint: processor, member, position, the category tail and the events behind it (lag)',
  arity: [0, 1],
  async run(context, { positionals: [processor] }) {
    const rows = await checkpointRows(context.checkpoints, processor);
    const listed = await Promise.all(
      rows.map(async (row) => ({
        ...row,
        tail: await categoryTail(context.store, row.category),
        lag: await eventsBehind(context.store, row.category, row.position, row.member),
      })),
    );
    return {
      table: {
        columns: ['PROCESSOR', 'MEMBER', 'CATEGORY', 'POSITION', 'TAIL', 'LAG'],
        rows: listed.map((r) => [r.processor, r.member, r.category, r.position, r.tail, r.lag]),
      },
      data: listed,
    };
  },
};

const set: AdminCommand = {
  words: ['checkpoints', 'set'],
  args: '<processor> <position> [--force]',
  summary: "moves the processor's checkpoints (every member's, or one `<name>/<i>of<n>`) to a global position",
  arity: [2, 2],
  options: FORCE,
  async run(context, { positionals: [processor, given], values }) {
    const position = parsePosition(given);
    const rows = await guardedCheckpoints(context, processor, values.force === true);
    await setPositions(context.checkpoints, rows, () => position);
    return moved(rows, () => position, `Moved ${rows.length} checkpoint(s) of "${processor}" to ${position}`);
  },
};

const reset: AdminCommand = {
  words: ['checkpoints', 'reset'],
  args: '<processor> [--force]',
  summary: "deletes the processor's checkpoints: its next start begins at the category's start (or tail, FROM_TAIL)",
  arity: [1, 1],
  options: FORCE,
  async run(context, { positionals: [processor], values }) {
    const rows = await guardedCheckpoints(context, processor, values.force === true);
    await deleteCheckpoints(context.checkpoints, rows);
    return {
      message:
        `Deleted ${rows.length} checkpoint(s) of "${processor}": ` +
        rows.map((r) => `${r.consumerGroup} was at ${r.position}`).join(', '),
      data: { processor, deleted: rows },
    };
  },
};

const tail: AdminCommand = {
  words: ['checkpoints', 'tail'],
  args: '<processor> [--force]',
  summary: "moves the processor's checkpoints past the category's last event: what was written so far is skipped",
  arity: [1, 1],
  options: FORCE,
  async run(context, { positionals: [processor], values }) {
    const rows = await guardedCheckpoints(context, processor, values.force === true);
    const tails = new Map<string, number>();
    for (const { category } of rows) {
      if (!tails.has(category)) tails.set(category, (await categoryTail(context.store, category)) + 1);
    }
    const positionOf = (row: CheckpointRow) => tails.get(row.category)!;
    await setPositions(context.checkpoints, rows, positionOf);
    return moved(rows, positionOf, `Moved ${rows.length} checkpoint(s) of "${processor}" to the tail`);
  },
};

export const CHECKPOINT_COMMANDS: readonly AdminCommand[] = [list, set, reset, tail];

async function guardedCheckpoints(context: AdminContext, processor: string, force: boolean): Promise<CheckpointRow[]> {
  const rows = await requireCheckpoints(context.checkpoints, processor);
  await refuseWhileLive([context.store, context.checkpoints], rows[0].processor, force);
  return rows;
}

function moved(rows: readonly CheckpointRow[], positionOf: (row: CheckpointRow) => number, message: string) {
  const changes = rows.map((row) => ({
    consumerGroup: row.consumerGroup,
    category: row.category,
    from: row.position,
    to: positionOf(row),
  }));
  return {
    message: `${message}: ${changes.map((c) => `${c.consumerGroup} ${c.from} → ${c.to}`).join(', ')}`,
    data: { changes },
  };
}

function parsePosition(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw usageError(`<position> must be a global position: a non-negative integer (got "${text}")`);
  }
  return Number(text);
}
