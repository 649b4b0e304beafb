import { Controller, DynamicModule, Get, Module, Redirect } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServerResponse } from 'node:http';
import { Public } from '../auth/public.decorator';
import { DESK_PATH } from './desk-assets';

/** The page loads only its own files and talks only to this API. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

/** `GET /` opens the desk. */
@ApiExcludeController()
@Public()
@Controller()
export class DeskRedirectController {
  @Get()
  @Redirect(`${DESK_PATH}/`, 302)
  open(): void {}
}

/**
 * The front-desk page, served as static files under /desk/ (public: the page holds no data; the API calls it makes
 * need the token). Assets are revalidated on every load (ETag), so a new build is picked up at once.
 */
@Module({})
export class DeskModule {
  static forRoot(assetsDir: string): DynamicModule {
    return {
      module: DeskModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: assetsDir,
          serveRoot: DESK_PATH,
          renderPath: '/',
          serveStaticOptions: { index: 'index.html', cacheControl: false, setHeaders: securityHeaders },
        }),
      ],
      controllers: [DeskRedirectController],
    };
  }
}

function securityHeaders(response: ServerResponse): void {
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
}
