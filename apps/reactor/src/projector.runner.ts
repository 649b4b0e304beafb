import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningHotelProjector, startHotelProjector } from '@app/read-model';
import { ProjectorHandle } from '@app/store';
import { PrometheusReactorMonitor, feedLoggerOf } from '@app/store/nest';
import { InjectReactorConfig, ReactorConfig } from './reactor.config';
import { REACTOR_MONITOR } from './reactor.runner';
import { projectorSettingsOf } from './reactor-settings';

/**
 * Runs the hotel projector beside the group-checkout reactor, as a processor of its own (own pipelines, connections and
 * checkpoints): it starts in the background, so neither its failures nor a database that is down hold the reactor up,
 * and it keeps going whatever the reactor does. Off with PROJECTIONS=false. Its pipelines (one per category) are
 * measured and health-checked with the app's other processors.
 */
@Injectable()
export class ProjectorRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private projector: RunningHotelProjector | undefined;

  constructor(
    @InjectReactorConfig() private readonly config: ReactorConfig,
    @Inject(REACTOR_MONITOR) private readonly monitor: PrometheusReactorMonitor,
  ) {}

  /** The running projector, once the application has bootstrapped with projections on. */
  get handle(): ProjectorHandle | undefined {
    return this.projector?.handle;
  }

  onApplicationBootstrap(): void {
    const settings = projectorSettingsOf(this.config, feedLoggerOf(this.logger));
    if (settings === undefined) {
      this.logger.log('Projections off (PROJECTIONS=false, or not the first member of a consumer group)');
      return;
    }
    this.projector = startHotelProjector({ ...settings, monitor: this.monitor });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
  }
}
