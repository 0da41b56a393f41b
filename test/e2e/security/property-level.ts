import { describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../../support/http';
import type { SignedInUser } from '../../support/users';
import { sendAs } from '../api-keys/support/signed-client';
import { outcomeOf, record } from './support/report';

const CATEGORY = 'API3 Broken object property-level authorization';

/** Mass assignment: fields a caller must never set, on the routes that take a body. */
const attempts: readonly [string, string, string, Record<string, unknown>][] = [
  [
    'status and groups in PUT /auth/profile',
    'PUT',
    '/auth/profile',
    { username: null, status: 'ACTIVE', groups: ['admin'] },
  ],
  [
    'fee tier and KYC in PUT /auth/profile',
    'PUT',
    '/auth/profile',
    { username: null, fee_tier: 5, kyc_level: 3 },
  ],
  [
    'groups in PUT /users/me/preferences',
    'PUT',
    '/users/me/preferences',
    { theme: 'dark', groups: ['admin'] },
  ],
  [
    'balance fields in POST /account/deposit',
    'POST',
    '/account/deposit',
    { asset: 'USDT', amount: '1', available: '1000000' },
  ],
  [
    'status and fills in POST /orders',
    'POST',
    '/orders',
    {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      price: '1',
      quantity: '1',
      status: 'FILLED',
      filled_quantity: '1',
    },
  ],
  [
    'withdraw scope in POST /api-keys',
    'POST',
    '/api-keys',
    { label: 'x', scopes: ['read', 'withdraw'] },
  ],
  [
    'owner in POST /api-keys',
    'POST',
    '/api-keys',
    { label: 'x', scopes: ['read'], user_id: 'someone-else' },
  ],
];

/** API3: unknown or privileged fields are refused (strict schemas), and nothing changes. */
export function propertyLevel(users: () => { victim: SignedInUser }): void {
  describe(CATEGORY, () => {
    it('refuses every mass-assignment attempt and leaves the account as it was', async () => {
      const { victim } = users();
      const before = await sendAs(victim.accessToken, 'GET', '/auth/profile');

      const answers: [string, ApiAnswer][] = [];
      for (const [name, method, path, body] of attempts) {
        answers.push([name, await sendAs(victim.accessToken, method, path, body)]);
      }
      const after = await sendAs(victim.accessToken, 'GET', '/auth/profile');

      for (const [name, answer] of answers) {
        record(CATEGORY, name, '400 VALIDATION_ERROR', outcomeOf(answer), answer.status === 400);
      }
      expect(answers.map(([, a]) => a.status)).toEqual(answers.map(() => 400));
      expect(after.body.data).toMatchObject({
        groups: before.body.data.groups,
        fee_tier: before.body.data.fee_tier,
        status: 'ACTIVE',
      });
    });
  });
}
