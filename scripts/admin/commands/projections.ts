import { rebuildHotelRead } from '@app/read-model';
import { AdminCommand } from '../command';

const rebuild: AdminCommand = {
  words: ['projections', 'rebuild'],
  args: '',
  summary:
    "empties the read tables and resets the hotel projector's checkpoints, then catches up (--reset-only: leaves that to the reactor)",
  arity: [0, 0],
  options: { 'reset-only': { type: 'boolean' } },
  async run(context, { values }) {
    const lines: string[] = [];
    const result = await rebuildHotelRead(context.settings.databaseUrl, context.store, {
      resetOnly: values['reset-only'] === true,
      progress: (line) => lines.push(line),
    });
    const done = result.caughtUp
      ? `Done: the read tables are whole again (${result.seconds.toFixed(1)} s)`
      : "Reset: the reactor's projector catches up";
    return { message: [...lines, done].join('\n'), data: result };
  },
};

export const PROJECTION_COMMANDS: readonly AdminCommand[] = [rebuild];
