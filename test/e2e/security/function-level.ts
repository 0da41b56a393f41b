import { describe, expect, it } from 'vitest';
import { apiContracts } from '../../../shared/contracts';
import type { ApiAnswer } from '../../support/http';
import type { SignedInUser } from '../../support/users';
import { attack, fillPath } from './support/clients';
import { outcomeOf, record } from './support/report';

const CATEGORY = 'API5 Broken function-level authorization';

/** API5: every route reserved to admin, compliance or auditor answers 403 to a trader. */
export function functionLevel(users: () => { victim: SignedInUser }): void {
  describe(CATEGORY, () => {
    it('refuses every admin and audit route to a trader', async () => {
      const guarded = apiContracts.filter((c) => c.groups !== undefined && c.groups.length > 0);

      const answers: [string, ApiAnswer][] = [];
      for (const contract of guarded) {
        const answer = await attack(
          contract.method,
          fillPath(contract.path).replace(/^\/api/, ''),
          {
            token: users().victim.accessToken,
            ...(contract.method === 'GET' || contract.method === 'DELETE' ? {} : { body: '{}' }),
          },
        );
        answers.push([`${contract.method} ${contract.path} as a trader`, answer]);
      }

      for (const [name, answer] of answers) {
        record(CATEGORY, name, '403', outcomeOf(answer), answer.status === 403);
      }
      expect(guarded.length).toBeGreaterThan(10);
      expect(answers.map(([name, a]) => [name, a.status])).toEqual(
        answers.map(([name]) => [name, 403]),
      );
    });
  });
}
