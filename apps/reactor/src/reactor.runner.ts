import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import http from 'node:http';
import { RunningGroupCheckoutReactor, startGroupCheckoutReactor } from './group-checkout-reactor';
import { ReactorConfig } from './reactor.config';
import { startHealthServer } from './reactor-health';
import { redactConnectionString } from '@app/store';

/** Starts the GroupCheckout reactor with the application and stops it, drained and checkpointed, on shutdown. */
@Injectable()
export class ReactorRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reactor');
  private reactor: RunningGroupCheckoutReactor | undefined;
  private healthServer: http.Server | undefined;

  constructor(private readonly config: ConfigService<ReactorConfig, true>) {}

  async onApplicationBootstrap(): Promise<void> {
    const setting = <K extends keyof ReactorConfig>(key: K) => this.config.get(key, { infer: true });
    const writeUrl = setting('DATABASE_URL');
    this.logger.log(`Store ${redactConnectionString(writeUrl)}` + readAndCheckpointNote(setting('DATABASE_READ_URL'), setting('CHECKPOINT_DATABASE_URL')));
    const groupSize = setting('CONSUMER_GROUP_SIZE');
    this.reactor = await startGroupCheckoutReactor({
      writeUrl,
      readUrl: setting('DATABASE_READ_URL'),
      checkpointUrl: setting('CHECKPOINT_DATABASE_URL'),
      processorName: setting('PROCESSOR_NAME'),
      maxConcurrentStreams: setting('MAX_CONCURRENT_STREAMS'),
      maxReadAhead: setting('MAX_READ_AHEAD'),
      batchSize: setting('BATCH_SIZE'),
      tailSleepMs: setting('TAIL_SLEEP_MS'),
      notifications: setting('NOTIFICATIONS'),
      fromTail: setting('FROM_TAIL'),
      checkoutParallelism: setting('CHECKOUT_PARALLELISM'),
      checkpointIntervalMs: setting('CHECKPOINT_INTERVAL_MS'),
      consumerGroup: groupSize === undefined ? undefined : { member: setting('CONSUMER_GROUP_MEMBER') ?? 0, size: groupSize },
      resetCheckpoints: setting('RESET_CHECKPOINTS') || undefined,
      retry: { baseMs: setting('RETRY_BASE_MS'), maxMs: setting('RETRY_MAX_MS') },
      stuckThreshold: setting('STUCK_THRESHOLD'),
      drainTimeoutMs: setting('SHUTDOWN_TIMEOUT_MS'),
      logger: this.logger,
    });
    const healthPort = setting('REACTOR_HEALTH_PORT');
    if (healthPort > 0) {
      this.healthServer = await startHealthServer(healthPort, () => this.reactor!.handle.status());
      this.logger.log(`Health on http://0.0.0.0:${healthPort}/health`);
    }
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`Stopping${signal ? ` on ${signal}` : ''}: draining handlers in flight, committing the checkpoint`);
    await new Promise<void>((resolve) => (this.healthServer ? this.healthServer.close(() => resolve()) : resolve()));
    await this.reactor?.stop();
    const status = this.reactor?.handle.status();
    if (status) this.logger.log(`Stopped at checkpoint ${status.committedPosition ?? 'none'}`);
  }
}

function readAndCheckpointNote(readUrl?: string, checkpointUrl?: string): string {
  return (
    (readUrl ? `, reads from ${redactConnectionString(readUrl)}` : '') +
    (checkpointUrl ? `, checkpoints in ${redactConnectionString(checkpointUrl)}` : '')
  );
}
