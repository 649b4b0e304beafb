import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { Observable, map } from 'rxjs';
import { Versioned, entityTag } from './versioned';

export const POSITION_HEADER = 'Position';

/**
 * Answers a Versioned result with its body and the ETag (and, for a command, Position) headers. A GET whose
 * If-None-Match names that ETag is then answered 304 with no body by Express (res.send's freshness check), which is
 * why the ETag must be set before the body is sent.
 */
@Injectable()
export class VersionHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<ServerResponse>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (!(result instanceof Versioned)) return result;
        response.setHeader('ETag', entityTag(result.version));
        if (result.globalPosition !== undefined) response.setHeader(POSITION_HEADER, String(result.globalPosition));
        return result.body;
      }),
    );
  }
}
