import { Type, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ApiProblemResponses } from './problem-responses';

const ENTITY_TAG_SCHEMA = { type: 'string', pattern: '^"[0-9]+"$', example: '"3"' };

const ETAG = {
  description: 'The version of the resource\'s stream, as a strong entity tag; send it back in If-Match or If-None-Match.',
  schema: ENTITY_TAG_SCHEMA,
};

const POSITION = {
  description:
    'The global position of the command\'s last write (when it wrote nothing: of the resource\'s last event, -1 for ' +
    'none). A list given ?atLeast= this position includes the write.',
  schema: { type: 'integer', format: 'int64', minimum: -1 },
};

/** A command: its answer with ETag and Position, If-Match, and the 412 a stale If-Match gets. */
export function ApiCommandResponse(type: Type<unknown>, description: string, status = 200): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Apply the command only if the resource is still at this version (its ETag); else 412.',
      schema: ENTITY_TAG_SCHEMA,
    }),
    ApiResponse({ status, type, description, headers: { ETag: ETAG, Position: POSITION } }),
    ApiProblemResponses(412),
  );
}

/** A single-resource read: its answer with ETag, If-None-Match, and the 304 it allows. */
export function ApiReadResponse(type: Type<unknown>, description: string): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'The ETag of the version the client holds: answered 304 with no body while it is current.',
      schema: { type: 'string', example: '"3"' },
    }),
    ApiResponse({ status: 200, type, description, headers: { ETag: ETAG } }),
    ApiResponse({ status: 304, description: 'Not modified: still at the version If-None-Match names', headers: { ETag: ETAG } }),
  );
}
