import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import http from 'node:http';
import { RunningGroupCheckoutReactor, startGroupCheckoutReactor } from './group-checkout-reactor';
import { InjectReactorConfig, ReactorConfig } from './reactor.config';
import { startHealthServer } from './reactor-health';
import { reactorSettingsOf } from './reactor-settings';
import { ReactorHandle, redactConnectionString } from '@app/store';

/** Starts the GroupCheckout reactor with the application and stops it, drained and checkpointed, on shutdown. */
@Injectable()
export class ReactorRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reactor');
  private reactor: RunningGroupCheckoutReactor | undefined;
  private healthServer: http.Server | undefined;

  constructor(@InjectReactorConfig() private readonly config: ReactorConfig) {}

  /** The running reactor, once the application has bootstrapped. */
  get handle(): ReactorHandle | undefined {
    return this.reactor?.handle;
  }

  async onApplicationBootstrap(): Promise<void> {
    const config = this.config;
    this.logger.log(`Store ${redactConnectionString(config.DATABASE_URL)}` + readAndCheckpointNote(config));
    this.reactor = await startGroupCheckoutReactor(reactorSettingsOf(config, this.logger));
    if (config.REACTOR_HEALTH_PORT > 0) {
      this.healthServer = await startHealthServer(config.REACTOR_HEALTH_PORT, () => this.reactor!.handle.status());
      this.logger.log(`Health on http://0.0.0.0:${config.REACTOR_HEALTH_PORT}/health`);
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

function readAndCheckpointNote({ DATABASE_READ_URL: readUrl, CHECKPOINT_DATABASE_URL: checkpointUrl }: ReactorConfig): string {
  return (
    (readUrl ? `, reads from ${redactConnectionString(readUrl)}` : '') +
    (checkpointUrl ? `, checkpoints in ${redactConnectionString(checkpointUrl)}` : '')
  );
}
