import {
  GROUP_CHECKOUT_CATEGORY,
  GroupCheckoutProcess,
  GroupCheckoutService,
  GuestStayService,
} from '@app/domain';
import { ChangeNotifier, EventStore, MemoryChangeNotifier, MemoryStore, ReadConsistency, RecordedEvent } from '@app/store';
import { MemoryCheckpointStore } from '@app/store/checkpoints';
import {
  MessageDbCategoryReader,
  MessageDbChangeNotifier,
  MessageDbStore,
  createPool,
} from '@app/store/message-db';
import { MessageDbConnections } from '@app/store/nest';
import { ReactorHandle, startMemoryReactor, startReactor } from '@app/store/reactor';
import { LogLevel, LoggerService } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AbstractLoader, ExpressLoader } from '@nestjs/serve-static';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { AppModule, AppModuleOptions } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { ApiExpressAdapter } from '../../apps/api/src/versioning/api-express-adapter';
import { CHANGE_NOTIFIER, EVENT_STORE, STORE_READINESS } from '../../apps/api/src/infrastructure/store-infrastructure';
import { createGroupCheckoutHandler } from '../../apps/reactor/src/group-checkout-handler';

export interface ApiAppOptions extends AppModuleOptions {
  /** A store in place of Message DB (the test owns it); without one the API runs on Message DB at DATABASE_URL. */
  readonly store?: EventStore;
  /** Hints for `?wait=`; by default those of the store, which must then be a MemoryStore. */
  readonly notifier?: ChangeNotifier;
  /** Nest log levels shown during the test; errors only by default. */
  readonly logLevels?: LogLevel[] | false;
  /** A logger in place of Nest's console logger (its levels then apply). */
  readonly logger?: LoggerService;
}

/** The API exactly as main.ts configures it (AppModule, configureApp), initialised but not listening. */
export async function createApiApp({ store, notifier, logLevels, logger, ...appOptions }: ApiAppOptions): Promise<NestExpressApplication> {
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(appOptions)] });
  // ServeStaticModule picks its loader when its providers are built, which a testing module does before the HTTP
  // adapter exists (it would pick the no-op loader and never serve the desk): name the one main.ts ends up with.
  builder.overrideProvider(AbstractLoader).useClass(ExpressLoader);
  if (store) replaceMessageDb(builder, store, notifier ?? new MemoryChangeNotifier(store as MemoryStore));
  const app = (await builder.compile()).createNestApplication<NestExpressApplication>(new ApiExpressAdapter(), {
    logger: logger ?? logLevels ?? ['error'],
  });
  configureApp(app);
  await app.init();
  return app;
}

/**
 * The API's store ports overridden with the test's store: nothing of Message DB is built (no options, so no
 * DATABASE_URL needed, no pools, no LISTEN), and the store is always ready.
 */
function replaceMessageDb(builder: TestingModuleBuilder, store: EventStore, notifier: ChangeNotifier): void {
  builder.overrideProvider(MessageDbConnections).useValue(NO_MESSAGE_DB);
  builder.overrideProvider(EVENT_STORE).useValue(store);
  builder.overrideProvider(CHANGE_NOTIFIER).useValue(notifier);
  builder.overrideProvider(STORE_READINESS).useValue(async () => undefined);
}

/** Stands in for MessageDbConnections: its pools, store and notifier are all absent. */
const NO_MESSAGE_DB = {};

/** The group-checkout process as the reactor app wires it, on the given store. */
export function groupCheckoutHandler(store: EventStore) {
  return createGroupCheckoutHandler(new GroupCheckoutProcess(new GuestStayService(store), new GroupCheckoutService(store)));
}

/** The reactor on a MemoryStore: awaitCompletion() resolves once every reaction to earlier writes is done. */
export function startMemoryGroupCheckoutReactor(store: MemoryStore): ReactorHandle {
  return startMemoryReactor(store, { category: GROUP_CHECKOUT_CATEGORY, sink: { handler: groupCheckoutHandler(store) } });
}

/** The reactor on Message DB, as its own process would run it: own pool, LISTEN wake-ups, checkpoints in memory. */
export async function startMessageDbGroupCheckoutReactor(databaseUrl: string): Promise<{ stop(): Promise<void> }> {
  const pool = createPool(databaseUrl, { applicationName: 'api-test-reactor' });
  const notifier = new MessageDbChangeNotifier({ connectionString: databaseUrl });
  await notifier.start();
  const reactor = await startReactor({
    source: { reader: new MessageDbCategoryReader(pool), notifier, tailSleepMs: 100 },
    checkpoints: { store: new MemoryCheckpointStore() },
    category: GROUP_CHECKOUT_CATEGORY,
    processorName: 'ApiTestReactor',
    sink: { handler: groupCheckoutHandler(new MessageDbStore({ writePool: pool })) },
  });
  return {
    async stop() {
      await reactor.stop();
      await notifier.stop();
      await pool.end();
    },
  };
}

/** Counts live subscriptions, to check that every path of `?wait=` unsubscribes. */
export class ObservedNotifier implements ChangeNotifier {
  private active = 0;
  private readonly watchers = new Set<() => void>();

  constructor(private readonly inner: ChangeNotifier) {}

  get activeSubscriptions(): number {
    return this.active;
  }

  subscribe(category: string, listener: (streamName: string | undefined) => void): () => void {
    const unsubscribe = this.inner.subscribe(category, listener);
    this.changeBy(1);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      unsubscribe();
      this.changeBy(-1);
    };
  }

  /** Resolves once the number of live subscriptions is `count`. */
  until(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.active !== count) return;
        this.watchers.delete(check);
        resolve();
      };
      this.watchers.add(check);
      check();
    });
  }

  private changeBy(delta: number): void {
    this.active += delta;
    for (const watcher of [...this.watchers]) watcher();
  }
}

/** Never hints: `?wait=` must then rely on its fallback re-reads. */
export const silentNotifier: ChangeNotifier = { subscribe: () => () => undefined };

/**
 * A MemoryStore (the leader) with a replica that has applied only the writes committed before the last catchUp():
 * replica reads can lag behind, as a streaming replica of DATABASE_READ_URL may.
 */
export class LaggingReplicaStore extends MemoryStore {
  private readonly leaderVersions = new Map<string, number>();
  private readonly replicaVersions = new Map<string, number>();

  constructor() {
    super();
    this.onCommit((streamName, events) => this.leaderVersions.set(streamName, events[events.length - 1].position + 1));
  }

  catchUp(): void {
    for (const [streamName, version] of this.leaderVersions) this.replicaVersions.set(streamName, version);
  }

  override async readStream(
    streamName: string,
    fromVersion = 0,
    consistency: ReadConsistency = 'leader',
  ): Promise<RecordedEvent[]> {
    const events = await super.readStream(streamName, fromVersion);
    if (consistency === 'leader') return events;
    const replicated = this.replicaVersions.get(streamName) ?? 0;
    return events.filter((e) => e.position < replicated);
  }
}
