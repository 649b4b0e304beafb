import { METRIC_PREFIX, counterOf, histogramOf } from '@app/store/nest';
import { HttpStatus, Injectable } from '@nestjs/common';

const REQUEST_LABELS = ['method', 'route', 'status'] as const;

/** The kinds of store error the API answers: unreachable (503), an event it cannot read (500), conflicts outlasting the retries (409). */
export type StoreErrorKind = 'unavailable' | 'unreadable_stream' | 'concurrency_exhausted';

/** The API's own metrics: requests by route template, method and status, their latency, store errors and 503s. */
@Injectable()
export class HttpMetrics {
  private readonly requests = counterOf({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by route template (unmatched: no route), method and status',
    labelNames: REQUEST_LABELS,
  });
  private readonly duration = histogramOf({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'From the request to its response (or its abort), by route template, method and status',
    labelNames: REQUEST_LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  private readonly unavailable = counterOf({
    name: `${METRIC_PREFIX}http_service_unavailable_total`,
    help: 'Requests answered 503 (store unavailable or not ready), by route template',
    labelNames: ['route'],
  });
  private readonly storeErrors = counterOf({
    name: `${METRIC_PREFIX}api_store_errors_total`,
    help: 'Requests that failed on the store, by kind: unavailable, unreadable_stream, concurrency_exhausted',
    labelNames: ['error'],
  });

  requestAnswered(method: string, route: string, status: number, durationSeconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, durationSeconds);
    if (status === HttpStatus.SERVICE_UNAVAILABLE) this.unavailable.inc({ route });
  }

  storeError(kind: StoreErrorKind): void {
    this.storeErrors.inc({ error: kind });
  }
}
