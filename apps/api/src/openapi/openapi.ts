import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_JSON_PATH = '/openapi.json';
export const SWAGGER_UI_PATH = 'docs';

const TAGS: Record<string, string> = {
  stays: 'A guest\'s stay: check-in, charges, payments, refunds, check-out; its folio.',
  'group-checkouts': 'A group checkout: select stays (merged by the reactor), pay, refund, confirm; follow it.',
  health: 'Probes for orchestrators: liveness and readiness.',
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Hotel group checkout')
    .setDescription(
      'Check guests in, charge and pay their stays, and check them out individually or as a group. Selecting stays ' +
        'into a group checkout is answered at once (202); a background reactor merges them, which GET ?wait= and ' +
        'the event stream follow. Single resources carry their stream version as ETag (If-None-Match → 304, ' +
        'If-Match → 412 when stale); commands carry the global position of their write (Position). Errors are ' +
        'RFC 9457 problem details (application/problem+json).',
    )
    .setVersion('1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description: 'The opaque API_TOKEN the server was started with; required only when it sets one.',
    });
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  return withPublicOperationsMarked(SwaggerModule.createDocument(app, builder.build()));
}

/** Operations without a security requirement are public (the probes): say so, rather than leave it unstated. */
function withPublicOperationsMarked(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = path[method];
      if (operation && operation.security === undefined) operation.security = [];
    }
  }
  return document;
}

/** The OpenAPI document at /openapi.json and Swagger UI at /docs; both public, as they hold no data. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(SWAGGER_UI_PATH, app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    swaggerOptions: { persistAuthorization: true },
  });
}
