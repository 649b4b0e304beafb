import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One check of a health answer (terminus): up or down, with what it adds (e.g. a down check's message). */
export class HealthCheckDocument {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why a check is down.', example: 'connect ECONNREFUSED 127.0.0.1:5432' })
  message?: string;

  @ApiPropertyOptional({ description: 'The process check: seconds since the process started.', example: 3600 })
  uptimeSeconds?: number;
}

const CHECKS = {
  type: 'object',
  additionalProperties: { $ref: getSchemaPath(HealthCheckDocument) },
  example: { process: { status: 'up', uptimeSeconds: 3600 }, store: { status: 'up' } },
} as const;

/** The body of a health probe that passes (a failing one answers a not-ready problem with the same `checks`). */
@ApiExtraModels(HealthCheckDocument)
export class HealthDocument {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  status: 'ok' | 'error' | 'shutting_down';

  @ApiPropertyOptional({ ...CHECKS, description: 'The checks that are up, by name.' })
  info?: Record<string, HealthCheckDocument>;

  @ApiPropertyOptional({ ...CHECKS, description: 'The checks that are down, by name.' })
  error?: Record<string, HealthCheckDocument>;

  @ApiProperty({ ...CHECKS, description: 'Every check, by name.' })
  details: Record<string, HealthCheckDocument>;
}
