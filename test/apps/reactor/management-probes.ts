import { PrometheusReactorMonitor } from '@app/store/nest';
import { INestApplication, Logger } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { startManagementApp } from '../../../apps/reactor/src/management/start-management-app';
import { sampleIn } from '../../support/metrics';

export interface Probe {
  readonly status: number;
  readonly body: Record<string, any>;
}

export interface RunningManagement {
  readonly url: string;
  close(): Promise<void>;
}

/** The reactor app's management endpoints over the reactors of `monitor`, on a free port. */
export async function startManagement(monitor: PrometheusReactorMonitor, livenessWindowMs = 60_000): Promise<RunningManagement> {
  // The management app logs where the reactor app's logger goes: in a test without one, errors only.
  Logger.overrideLogger(['error']);
  const app: INestApplication = await startManagementApp(0, { monitor, livenessWindowMs });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Probes every 20 ms until the answer has the status (only the test's timeout bounds the wait); returns it. */
export async function probeUntil(url: string, status: number): Promise<Probe> {
  for (;;) {
    const response = await fetch(url);
    const probe = { status: response.status, body: (await response.json()) as Probe['body'] };
    if (probe.status === status) return probe;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The value of a metric's sample for one processor (and any further labels), 0 when absent. */
export async function sampleOf(url: string, metric: string, labels: Record<string, string>): Promise<number> {
  return sampleIn(await (await fetch(`${url}/metrics`)).text(), metric, labels);
}
