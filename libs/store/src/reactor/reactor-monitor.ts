import { RecordedEvent } from '../core/event-store';
import { SinkObserver, silentSinkObserver } from '../sink/sink-observer';
import type { ReactorStatus } from './reactor';

/** Hears what one reactor does, as it happens: the batches its feed hands over, its handler calls, its end. */
export interface ReactorObserver extends SinkObserver {
  /** The feed handed a batch of the category's events to the sink. */
  batchRead(events: readonly RecordedEvent[]): void;
  /** The reactor has stopped: nothing more will be reported of it. */
  stopped(): void;
}

/** A reactor as a monitor sees it: its names, and its status on demand. */
export interface WatchedReactor {
  readonly processorName: string;
  readonly category: string;
  status(): ReactorStatus;
}

/**
 * Watches every reactor started with it (ReactionOptions.monitor), whatever it processes: metrics come from here, so
 * that each processor is measured alike, under its own name.
 */
export interface ReactorMonitor {
  /** Called once as a reactor starts; the observer returned hears of it from then on. */
  watch(reactor: WatchedReactor): ReactorObserver;
}

export const silentReactorObserver: ReactorObserver = {
  ...silentSinkObserver,
  batchRead: () => undefined,
  stopped: () => undefined,
};
