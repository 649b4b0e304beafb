import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_JSON_PATH = '/openapi.json';
export const SWAGGER_UI_PATH = 'docs';

export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Hotel group checkout')
    .setDescription(
      'Check guests in, charge and pay their stays, and check them out individually or as a group. Selecting stays ' +
        'into a group checkout is answered at once (202); a background reactor merges them, which GET ?wait= follows. ' +
        'Errors are RFC 9457 problem details (application/problem+json).',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Required when the server sets API_TOKEN' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** The OpenAPI document at /openapi.json and Swagger UI at /docs; both public, as they hold no data. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(SWAGGER_UI_PATH, app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    swaggerOptions: { persistAuthorization: true },
  });
}
