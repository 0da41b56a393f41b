import { describe, expect, it } from 'vitest';
import { routeConstructId } from '../../../infra/constructs/route-names';
import { routes } from '../../../infra/definitions/routes';
import type { ApiFunction } from '../../../infra/constructs/api-function';
import { API_KEY_KMS_PURPOSE } from '../../../shared/api-keys/api-key-items';
import { TOTP_KMS_PURPOSE } from '../../../shared/identity/totp-envelope';
import {
  actionsOf,
  buildExchange,
  lambdaEnvironment,
  logicalIdOf,
  statementsOfRole,
  templatesOf,
} from '../support';
import type { Statement } from '../support';

const keys = ['POST /api/api-keys', 'GET /api/api-keys', 'DELETE /api/api-keys/{id}'];
const others = ['GET /api/health', 'POST /api/auth/login', 'POST /api/orders', 'GET /api/time'];
/** Only the routes under test: each function's grants depend on its own binding alone. */
const { stacks } = buildExchange({
  routes: routes.filter((r) => [...keys, ...others].includes(`${r.method} ${r.path}`)),
});
const template = templatesOf(stacks).api;

function routeFunction(routeKey: string): ApiFunction {
  const [method, path] = routeKey.split(' ') as ['GET', string];
  const found = stacks.api.functions.get(routeConstructId({ method, path }));
  if (found === undefined) throw new Error(`no function for ${routeKey}`);
  return found;
}

const statementsOf = (f: ApiFunction): Statement[] =>
  statementsOfRole(template, logicalIdOf(f.role));
const kmsOf = (f: ApiFunction) =>
  statementsOf(f).filter((s) => actionsOf([s]).some((a) => a.startsWith('kms:')));
const onKey = (statements: Statement[], id: RegExp) =>
  statements.filter((s) => id.test(JSON.stringify(s.Resource)));

describe('API-key grants', () => {
  it('lets the authorizer Decrypt API-key secrets only, bound to their purpose', () => {
    const statements = kmsOf(stacks.api.authorizerFunction);

    expect(actionsOf(statements)).toEqual(['kms:Decrypt']);
    expect(JSON.stringify(statements[0]?.Resource)).toMatch(/ApiKeysKey/);
    expect(statements[0]?.Condition).toEqual({
      StringEquals: { 'kms:EncryptionContext:purpose': API_KEY_KMS_PURPOSE },
    });
  });

  it('gives the authorizer the key, the replay cache table and the Users table', () => {
    const env = lambdaEnvironment(template, logicalIdOf(stacks.api.authorizerFunction.function));

    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['API_KEYS_KEY_ID', 'RATE_LIMITS_TABLE', 'USERS_TABLE']),
    );
  });

  it('lets key creation generate secrets under their purpose and never decrypt them', () => {
    const statements = kmsOf(routeFunction('POST /api/api-keys'));
    const apiKeyKey = onKey(statements, /ApiKeysKey/);
    const mfaKey = onKey(statements, /MfaKey/);

    expect(actionsOf(apiKeyKey)).toEqual(['kms:GenerateDataKey']);
    expect(apiKeyKey[0]?.Condition).toEqual({
      StringEquals: { 'kms:EncryptionContext:purpose': API_KEY_KMS_PURPOSE },
    });
    expect(actionsOf(mfaKey)).toEqual(['kms:Decrypt']);
    expect(mfaKey[0]?.Condition).toEqual({
      StringEquals: { 'kms:EncryptionContext:purpose': TOTP_KMS_PURPOSE },
    });
  });

  it('gives listing and deleting keys no KMS access at all', () => {
    expect(kmsOf(routeFunction('GET /api/api-keys'))).toEqual([]);
    expect(kmsOf(routeFunction('DELETE /api/api-keys/{id}'))).toEqual([]);
  });
});

describe('rate-limit grants', () => {
  it('lets a rate-limited route only UpdateItem the RateLimits table', () => {
    const counting = statementsOf(routeFunction('POST /api/orders')).filter((s) =>
      /RateLimits/.test(JSON.stringify(s.Resource)),
    );

    expect(actionsOf(counting)).toEqual(['dynamodb:UpdateItem']);
  });

  it('leaves the health check unlimited and without write access', () => {
    const writes = actionsOf(statementsOf(routeFunction('GET /api/health'))).filter((a) =>
      /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a),
    );

    expect(writes).toEqual([]);
  });

  it('hands every function the route classes of the table', () => {
    const env = lambdaEnvironment(
      template,
      logicalIdOf(routeFunction('POST /api/orders').function),
    );

    expect(JSON.parse(String(env['RATE_CLASSES']))).toMatchObject({
      'POST /api/auth/login': 'login',
      'POST /api/auth/register': 'register',
      'POST /api/orders': 'orders',
      'GET /api/health': 'none',
    });
  });
});
