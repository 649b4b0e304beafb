import { DEFAULT_PAGE_SIZE, KeysetCursor, MAX_PAGE_SIZE, PageRequest, ProjectionState, decodeCursor } from '@app/read-model';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidationArguments, registerDecorator } from 'class-validator';

export const PROJECTION_POSITION_HEADER = 'Projection-Position';

/** The part of the platform's response a list sets its headers on. */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/** The query parameters every list takes: paging and read-your-writes. */
export class ListQuery {
  @ApiPropertyOptional({ description: `Rows per page, 1 to ${MAX_PAGE_SIZE}.`, default: DEFAULT_PAGE_SIZE, type: 'integer' })
  @IsOptional()
  @Matches(/^(?:[1-9]\d?|1\d\d|200)$/, { message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  limit?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page (opaque).' })
  @IsOptional()
  @IsString({ message: 'cursor must be a cursor that a previous page returned' })
  @IsKeysetCursor()
  cursor?: string;

  @ApiPropertyOptional({
    description:
      'A global position (the Position header of a command; -1 waits for nothing): wait, at most 5 s, until the lists reflect every write ' +
      'up to it. Without it a list may lag; the Projection-Position header says how far it has come.',
    type: 'integer',
  })
  @IsOptional()
  // -1 is the Position of a command on a resource without events: nothing to wait for.
  @Matches(/^(?:-1|0|[1-9]\d{0,14})$/, { message: 'atLeast must be a global position: an integer from -1' })
  atLeast?: string;
}

function IsKeysetCursor(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isKeysetCursor',
      target: target.constructor,
      propertyName: propertyName.toString(),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== undefined,
        defaultMessage: (args: ValidationArguments) => `${args.property} must be a cursor that a previous page returned`,
      },
    });
}

export function pageRequestOf(query: ListQuery): PageRequest {
  const after: KeysetCursor | undefined = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  return { limit: query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(query.limit), after };
}

export function atLeastOf(query: ListQuery): number | undefined {
  return query.atLeast === undefined ? undefined : Number(query.atLeast);
}

export class ProjectionInfo {
  @ApiProperty({ description: 'Every write at or below this global position is reflected (-1: none yet).', example: 1041 })
  position: number;

  @ApiProperty({ description: 'A rebuild is under way: the list shows only what it has re-projected so far.' })
  rebuilding: boolean;

  @ApiPropertyOptional({ description: 'While rebuilding: the position the rebuild has to reach.' })
  rebuildingTo?: number;
}

/** Sets the Projection-Position header; the projection's state for the body. */
export function projectionInfo(state: ProjectionState, response: HeaderSink): ProjectionInfo {
  response.setHeader(PROJECTION_POSITION_HEADER, String(state.position));
  const { position, rebuildingTo } = state;
  return rebuildingTo === undefined ? { position, rebuilding: false } : { position, rebuilding: true, rebuildingTo };
}

export const PROJECTION_HEADERS = {
  [PROJECTION_POSITION_HEADER]: {
    description: 'The global position the list reflects at least: every write at or below it is in the list.',
    schema: { type: 'integer' as const },
  },
};
