import { ReactorStatus } from '@app/store';
import { PrometheusReactorMonitor } from '@app/store/nest';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorFunction, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { livenessProblems, readinessProblems } from './reactor-health';

export const MANAGEMENT_OPTIONS = Symbol('ManagementOptions');

export interface ManagementOptions {
  /** Every reactor it watches is checked and measured (the reactor app's processors). */
  readonly monitor: PrometheusReactorMonitor;
  /** How long a reactor may go without progress and still be live. */
  readonly livenessWindowMs: number;
}

type Assess = (status: ReactorStatus) => string[];

/** One health indicator per reactor, keyed by its processor name, with its status as the details. */
@Injectable()
export class ReactorHealthIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(MANAGEMENT_OPTIONS) private readonly options: ManagementOptions,
  ) {}

  live(): HealthIndicatorFunction[] {
    return this.each((status) => livenessProblems(status, Date.now(), this.options.livenessWindowMs));
  }

  ready(): HealthIndicatorFunction[] {
    return this.each(readinessProblems);
  }

  all(): HealthIndicatorFunction[] {
    return this.each((status) => [...livenessProblems(status, Date.now(), this.options.livenessWindowMs), ...readinessProblems(status)]);
  }

  /** Keyed by processor name, and by category too for a processor of several (the projector). */
  private each(assess: Assess): HealthIndicatorFunction[] {
    const reactors = this.options.monitor.reactors();
    const shared = (name: string) => reactors.filter((r) => r.processorName === name).length > 1;
    return reactors.map((reactor) => {
      const key = shared(reactor.processorName) ? `${reactor.processorName}/${reactor.category}` : reactor.processorName;
      return async () => this.check(key, reactor.status(), assess);
    });
  }

  private check(key: string, status: ReactorStatus, assess: Assess): HealthIndicatorResult {
    const problems = assess(status);
    const indicator = this.indicators.check(key);
    return problems.length === 0 ? indicator.up({ ...status }) : indicator.down({ problems, ...status });
  }
}
