import { MessageDbStore, PostgresParkedStreamStore, StoredParkedStream, describeError } from '@app/store';
import { AdminCommand, CommandInput } from '../command';
import { AdminContext } from '../context';
import { EXIT, notFound, usageError } from '../errors';
import { reactionOf } from '../reactions';

const SELECTION = { all: { type: 'boolean' }, processor: { type: 'string' } } as const;

const list: AdminCommand = {
  words: ['parked', 'list'],
  args: '[--processor <name>]',
  summary: 'the parked streams: processor, stream, attempts, when, the skipped versions and the last error',
  arity: [0, 0],
  options: { processor: { type: 'string' } },
  async run(context, { values }) {
    const all = await new PostgresParkedStreamStore(context.checkpoints).list();
    const parked = all.filter((p) => !values.processor || p.processorName === values.processor);
    return {
      table: {
        columns: ['PROCESSOR', 'STREAM', 'ATTEMPTS', 'PARKED AT', 'VERSIONS', 'LAST ERROR'],
        rows: parked.map((p) => [
          p.processorName,
          p.streamName,
          p.attempts,
          p.parkedAt,
          `${p.fromVersion}..${p.toVersion}`,
          p.lastError,
        ]),
      },
      data: parked,
    };
  },
};

const retry: AdminCommand = {
  words: ['parked', 'retry'],
  args: '<stream> | --all [--processor <name>]',
  summary: "runs the processor's handler on each selected parked stream again; unparks those it handles",
  arity: [0, 1],
  options: SELECTION,
  async run(context, input) {
    const store = new PostgresParkedStreamStore(context.checkpoints);
    const selected = await selectParked(store, input);
    const outcomes = [];
    for (const parked of selected) outcomes.push(await retryOne(context, store, parked));
    const failed = outcomes.filter((o) => o.error !== undefined);
    return {
      table: {
        columns: ['PROCESSOR', 'STREAM', 'RESULT'],
        rows: outcomes.map((o) => [o.processorName, o.streamName, o.error ?? 'handled, unparked']),
      },
      message:
        `${outcomes.length - failed.length} of ${outcomes.length} parked stream(s) handled` +
        (failed.length ? '; the others stay parked' : ''),
      data: outcomes,
      exitCode: failed.length ? EXIT.failed : EXIT.ok,
    };
  },
};

const drop: AdminCommand = {
  words: ['parked', 'drop'],
  args: '<stream> | --all [--processor <name>]',
  summary: 'forgets the selected parked streams: their skipped events are never handled',
  arity: [0, 1],
  options: SELECTION,
  async run(context, input) {
    const store = new PostgresParkedStreamStore(context.checkpoints);
    const selected = await selectParked(store, input);
    for (const parked of selected) await store.remove(parked, parked.streamName);
    return {
      message: `Dropped ${selected.length} parked stream(s): ${selected.map((p) => `${p.streamName} (${p.processorName})`).join(', ')}`,
      data: { dropped: selected },
    };
  },
};

export const PARKED_COMMANDS: readonly AdminCommand[] = [list, retry, drop];

async function selectParked(
  store: PostgresParkedStreamStore,
  { positionals: [stream], values }: CommandInput,
): Promise<StoredParkedStream[]> {
  if ((stream === undefined) === (values.all !== true)) throw usageError('Name one parked stream, or pass --all (not both)');
  const selected = (await store.list()).filter(
    (p) => (stream === undefined || p.streamName === stream) && (!values.processor || p.processorName === values.processor),
  );
  if (stream !== undefined && selected.length === 0) {
    throw notFound(`Stream "${stream}" is not parked` + (values.processor ? ` by ${values.processor}` : ''));
  }
  return selected;
}

interface RetryOutcome {
  readonly processorName: string;
  readonly streamName: string;
  readonly error?: string;
}

/** Handles the stream's events from its first skipped one; unparks it when the handler gets past them. */
async function retryOne(context: AdminContext, store: PostgresParkedStreamStore, parked: StoredParkedStream): Promise<RetryOutcome> {
  const { processorName, streamName } = parked;
  const handler = reactionOf(context, processorName);
  if (!handler) {
    const error = `no handler for processor "${processorName}" here (PROCESSOR_NAME is ${context.settings.processorName})`;
    return { processorName, streamName, error };
  }
  try {
    const events = await new MessageDbStore({ writePool: context.store }).readStream(streamName, parked.fromVersion);
    if (events.length === 0) throw new Error(`the stream has no events from version ${parked.fromVersion}`);
    const { version } = await handler(streamName, events);
    if (version <= parked.toVersion) {
      throw new Error(`the handler reached version ${version}, short of the parked ${parked.toVersion}`);
    }
    await store.remove(parked, streamName);
    return { processorName, streamName };
  } catch (error) {
    const lastError = describeError(error);
    await store.park({ ...parked, attempts: 1, lastError, parkedAt: new Date() });
    return { processorName, streamName, error: lastError };
  }
}
