import { BeforeApplicationShutdown, INestApplication, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ReactorHandle, redactConnectionString } from '@app/store';
import { PrometheusReactorMonitor, feedLoggerOf } from '@app/store/nest';
import { RunningGroupCheckoutReactor, startGroupCheckoutReactor } from './group-checkout-reactor';
import { livenessWindowMs } from './management/reactor-health';
import { startManagementApp } from './management/start-management-app';
import { InjectReactorConfig, ReactorConfig, managementPortOf } from './reactor.config';
import { reactorSettingsOf } from './reactor-settings';

/** The monitor every processor of the app is started with: their metrics and health checks. */
export const REACTOR_MONITOR = Symbol('ReactorMonitor');

/**
 * Starts the GroupCheckout reactor with the application, and its management endpoints when a port is set; stops
 * both, the reactor drained and checkpointed, on shutdown.
 */
@Injectable()
export class ReactorRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reactor');
  private reactor: RunningGroupCheckoutReactor | undefined;
  private management: INestApplication | undefined;

  constructor(
    @InjectReactorConfig() private readonly config: ReactorConfig,
    @Inject(REACTOR_MONITOR) private readonly monitor: PrometheusReactorMonitor,
  ) {}

  /** The running reactor, once the application has bootstrapped. */
  get handle(): ReactorHandle | undefined {
    return this.reactor?.handle;
  }

  /** The management endpoints, once started. */
  get managementApp(): INestApplication | undefined {
    return this.management;
  }

  async onApplicationBootstrap(): Promise<void> {
    const config = this.config;
    this.logger.log(`Store ${redactConnectionString(config.DATABASE_URL)}` + readAndCheckpointNote(config));
    this.reactor = await startGroupCheckoutReactor({ ...reactorSettingsOf(config, feedLoggerOf(this.logger)), monitor: this.monitor });
    if (config.REACTOR_HEALTH_PORT !== undefined) {
      this.logger.warn('REACTOR_HEALTH_PORT is deprecated: set REACTOR_HTTP_PORT (which wins when both are set)');
    }
    const port = managementPortOf(config);
    if (port > 0) {
      this.management = await startManagementApp(port, { monitor: this.monitor, livenessWindowMs: livenessWindowMs(config.TAIL_SLEEP_MS) });
      this.logger.log(`Health on http://0.0.0.0:${port}/health, metrics on http://0.0.0.0:${port}/metrics`);
    }
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`Stopping${signal ? ` on ${signal}` : ''}: draining handlers in flight, committing the checkpoint`);
    await this.management?.close();
    await this.reactor?.stop();
    const status = this.reactor?.handle.status();
    if (status) this.logger.log(`Stopped at checkpoint ${status.committedPosition ?? 'none'}`);
  }
}

function readAndCheckpointNote({ DATABASE_READ_URL: readUrl, CHECKPOINT_DATABASE_URL: checkpointUrl }: ReactorConfig): string {
  return (
    (readUrl ? `, reads from ${redactConnectionString(readUrl)}` : '') +
    (checkpointUrl ? `, checkpoints in ${redactConnectionString(checkpointUrl)}` : '')
  );
}
