import { GUEST_STAY_CATEGORY } from '@app/domain';
import {
  BackoffOptions,
  FeedLogger,
  MessageDbCategoryReader,
  MessageDbChangeNotifier,
  ProjectionSinkSettings,
  ProjectorHandle,
  ReactorMonitor,
  SourceSettings,
  createPool,
  foldIntoRows,
  silentLogger,
  startProjector,
  stopThenRelease,
} from '@app/store';
import { HOTEL_PROJECTOR_NAME, HOTEL_READ_CATEGORIES, installHotelReadSchema } from './hotel-read-schema';
import { groupCheckoutsTable } from './group-checkout-rows';
import { staysTable } from './stay-rows';

export interface HotelProjectorSettings {
  /** The event store's database: the read tables and the projector's checkpoints live there too. */
  readonly url: string;
  /** Where the feed reads (a replica may do); the store's database by default. */
  readonly readUrl?: string;
  /** Wake on LISTEN/NOTIFY hints (default true); false polls every tailSleepMs. */
  readonly notifications?: boolean;
  readonly source?: Partial<Omit<SourceSettings, 'fromTail'>>;
  readonly sink?: Partial<ProjectionSinkSettings>;
  readonly restart?: BackoffOptions;
  /** How often an idle projector looks for a reset of its checkpoints (a rebuild); see startProjector. */
  readonly checkpointCheckMs?: number;
  readonly statsIntervalMs?: number;
  /** Watches the projector's pipelines as it does every reactor of the app (metrics, health). */
  readonly monitor?: ReactorMonitor;
  readonly logger?: FeedLogger;
}

export interface RunningHotelProjector {
  readonly handle: ProjectorHandle;
  /** Stops the projection (a commit under way finishes) and closes its connections. */
  stop(): Promise<void>;
}

/** The connections the hotel projector holds: its feed, its commits and, with notifications, LISTEN. */
export function hotelProjectorConnections(notifications: boolean): number {
  return notifications ? 3 : 2;
}

/** The read side's feed and commits each have a statement bound, so that a silent server fails them (retried). */
const FEED_TIMEOUT_MS = 5_000;
const COMMIT_TIMEOUT_MS = 30_000;

/**
 * Keeps hotel_read.stays and hotel_read.group_checkouts: the GuestStay and GroupCheckout categories projected with the
 * store's projector (rows and checkpoint in one transaction per page). Creates the schema when it is missing.
 */
export function startHotelProjector(settings: HotelProjectorSettings): RunningHotelProjector {
  const logger = settings.logger ?? silentLogger;
  const notifications = settings.notifications ?? true;
  const rowsPool = createPool(settings.url, {
    max: 1,
    applicationName: `${HOTEL_PROJECTOR_NAME}-rows`,
    statementTimeoutMillis: COMMIT_TIMEOUT_MS,
  });
  const feedPool = createPool(settings.readUrl ?? settings.url, {
    max: 1,
    applicationName: `${HOTEL_PROJECTOR_NAME}-feed`,
    connectionTimeoutMillis: FEED_TIMEOUT_MS,
    statementTimeoutMillis: FEED_TIMEOUT_MS,
  });
  const notifier = notifications
    ? new MessageDbChangeNotifier({ connectionString: settings.url, applicationName: `${HOTEL_PROJECTOR_NAME}-listen`, logger })
    : undefined;
  void notifier?.start();
  const handle = startProjector({
    processorName: HOTEL_PROJECTOR_NAME,
    categories: HOTEL_READ_CATEGORIES,
    pool: rowsPool,
    prepare: () => installHotelReadSchema(rowsPool),
    project: (category) =>
      category === GUEST_STAY_CATEGORY
        ? (client, events) => foldIntoRows(client, staysTable, events)
        : (client, events) => foldIntoRows(client, groupCheckoutsTable, events),
    source: { ...settings.source, reader: new MessageDbCategoryReader(feedPool), notifier },
    sink: settings.sink,
    restart: settings.restart,
    checkpointCheckMs: settings.checkpointCheckMs,
    statsIntervalMs: settings.statsIntervalMs,
    monitor: settings.monitor,
    logger,
  });
  return {
    handle,
    stop: () => stopThenRelease(() => handle.stop(), notifier, [rowsPool, feedPool]),
  };
}
