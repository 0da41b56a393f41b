import { apiContracts } from '../../shared/contracts';
import { openApiRoute as contract } from '../../shared/contracts/meta';
import { buildOpenApiDocument } from '../../shared/contracts/openapi';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';

const document = buildOpenApiDocument(apiContracts, {
  title: 'Exchange API',
  version: process.env['APP_VERSION'] ?? 'dev',
});

/** `GET /api/openapi.json`: the document, built once per cold start from the contracts. */
export const openApiRoute: Route<typeof contract> = async () => ({ data: document });

export const handler = apiHandler(contract, openApiRoute, createLogger('meta'));
