import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { ApiConfig, InjectApiConfig } from '../config/api-config';
import { ProblemException, ProblemType } from '../problems/problem';
import { IS_PUBLIC } from './public.decorator';

const REALM = 'hotel-checkout';

/** When API_TOKEN is set, every route not marked @Public() requires `Authorization: Bearer <API_TOKEN>`. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly expectedDigest: Buffer | undefined;

  constructor(
    private readonly reflector: Reflector,
    @InjectApiConfig() config: ApiConfig,
  ) {
    this.expectedDigest = config.API_TOKEN === undefined ? undefined : digest(config.API_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expectedDigest === undefined) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const token = bearerTokenOf(context.switchToHttp().getRequest<IncomingMessage>());
    if (token === undefined) throw unauthorized('This API requires a bearer token in the Authorization header.');
    // Comparing fixed-length digests keeps the comparison constant-time whatever the presented token's length.
    if (!timingSafeEqual(digest(token), this.expectedDigest)) {
      throw unauthorized('The bearer token is not valid.', 'invalid_token');
    }
    return true;
  }
}

function bearerTokenOf(request: IncomingMessage): string | undefined {
  const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function unauthorized(detail: string, error?: 'invalid_token'): ProblemException {
  const challenge = error === undefined ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="${error}"`;
  return new ProblemException({
    type: ProblemType.unauthorized,
    title: 'Unauthorized',
    status: HttpStatus.UNAUTHORIZED,
    detail,
    headers: { 'WWW-Authenticate': challenge },
  });
}
