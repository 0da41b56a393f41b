import { describe, expect, it } from 'vitest';
import { routeConstructId } from '../../infra/constructs/route-names';
import { routes } from '../../infra/definitions/routes';
import type { ApiFunction } from '../../infra/constructs/api-function';
import { TOTP_KMS_PURPOSE } from '../../shared/identity/totp-envelope';
import {
  actionsOf,
  buildExchange,
  lambdaEnvironment,
  logicalIdOf,
  statementsOfRole,
  templatesOf,
} from './support';
import type { Statement } from './support';

const paths = [
  '/api/account/withdraw',
  '/api/account/deposit',
  '/api/auth/enable-2fa',
  '/api/auth/confirm-2fa',
  '/api/auth/disable-2fa',
];
/** Only the routes under test: each function's grants depend on its own binding alone. */
const { stacks } = buildExchange({ routes: routes.filter((r) => paths.includes(r.path)) });
const template = templatesOf(stacks).api;

function routeFunction(method: 'POST', path: string): ApiFunction {
  const found = stacks.api.functions.get(routeConstructId({ method, path }));
  if (found === undefined) throw new Error(`no function for ${method} ${path}`);
  return found;
}

const kmsStatementsOf = (f: ApiFunction): Statement[] =>
  statementsOfRole(template, logicalIdOf(f.role)).filter((s) =>
    actionsOf([s]).some((a) => a.startsWith('kms:')),
  );

describe('step-up grants on the MFA key', () => {
  it.each(['/api/account/withdraw', '/api/auth/disable-2fa'])(
    'lets %s only Decrypt under the totp purpose, and names the key to it',
    (path) => {
      const f = routeFunction('POST', path);

      const statements = kmsStatementsOf(f);

      expect(actionsOf(statements)).toEqual(['kms:Decrypt']);
      expect(statements[0]?.Condition).toEqual({
        StringEquals: { 'kms:EncryptionContext:purpose': TOTP_KMS_PURPOSE },
      });
      expect(JSON.stringify(statements[0]?.Resource)).toMatch(/MfaKey/);
      expect(lambdaEnvironment(template, logicalIdOf(f.function))).toHaveProperty('MFA_KEY_ID');
    },
  );

  it('lets enable-2fa seal a secret but never unwrap one', () => {
    const enable = routeFunction('POST', '/api/auth/enable-2fa');

    const statements = kmsStatementsOf(enable);

    expect(actionsOf(statements)).toEqual(['kms:GenerateDataKey']);
    expect(statements[0]?.Condition).toEqual({
      StringEquals: { 'kms:EncryptionContext:purpose': TOTP_KMS_PURPOSE },
    });
    expect(JSON.stringify(statements[0]?.Resource)).toMatch(/MfaKey/);
  });

  it.each(['/api/auth/confirm-2fa', '/api/account/deposit'])(
    'gives %s no KMS action and no MFA key',
    (path) => {
      const f = routeFunction('POST', path);

      expect(kmsStatementsOf(f)).toEqual([]);
      expect(lambdaEnvironment(template, logicalIdOf(f.function))).not.toHaveProperty('MFA_KEY_ID');
    },
  );

  it('keeps the vault key out of the step-up functions', () => {
    const paths = ['/api/account/withdraw', '/api/auth/enable-2fa', '/api/auth/disable-2fa'];

    const resources = paths.flatMap((p) =>
      kmsStatementsOf(routeFunction('POST', p)).map((s) => JSON.stringify(s.Resource)),
    );

    expect(resources.filter((r) => r.includes('VaultKey'))).toEqual([]);
    expect(resources).toHaveLength(3);
  });
});
