import { describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../../support/http';
import type { SignedInUser } from '../../support/users';
import { issueKey, sendSigned } from '../api-keys/support/signed-client';
import { attack, awaitFreshMinute, freshIp } from './support/clients';
import { outcomeOf, record } from './support/report';

const CATEGORY = 'API6 Unrestricted access to sensitive business flows';

const order = JSON.stringify({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  price: '100000',
  quantity: '1',
});

/** API6: order spam is cut at 60 orders a minute per user; a bot key cannot withdraw. */
export function businessFlows(users: () => { spammer: SignedInUser }): void {
  describe(CATEGORY, () => {
    it('stops order spam at the per-user limit, from any number of addresses', async () => {
      const { spammer } = users();
      await awaitFreshMinute(20);

      const answers: ApiAnswer[] = [];
      for (let i = 0; i < 61; i += 1) {
        answers.push(
          await attack('POST', '/orders', {
            token: spammer.accessToken,
            body: order,
            ip: freshIp(),
          }),
        );
      }

      const last = answers.at(-1)!;
      record(
        CATEGORY,
        '61 orders in a minute by one user from 61 IPs',
        '429 on the 61st',
        outcomeOf(last),
        last.status === 429,
      );
      expect(answers.slice(0, 60).some((a) => a.status === 429)).toBe(false);
      expect(last.status).toBe(429);
      expect(last.headers.get('retry-after')).not.toBeNull();
    });

    it('refuses a withdrawal signed with a trading API key', async () => {
      const key = await issueKey(users().spammer.accessToken);

      const answer = await sendSigned(key, 'POST', '/account/withdraw', {
        body: { asset: 'USDT', amount: '1', address: '0x0000000000000000000000000000000000000000' },
      });

      record(
        CATEGORY,
        'withdrawal with a read+trade API key',
        '403',
        outcomeOf(answer),
        answer.status === 403,
      );
      expect(answer.status).toBe(403);
    });
  });
}
