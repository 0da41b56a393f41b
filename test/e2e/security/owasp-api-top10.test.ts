import { afterAll, beforeAll } from 'vitest';
import { signInNewUser, type SignedInUser } from '../../support/users';
import { authentication } from './authentication';
import { businessFlows } from './business-flows';
import { functionLevel } from './function-level';
import { inventory } from './inventory';
import { misconfiguration } from './misconfiguration';
import { objectLevel } from './object-level';
import { propertyLevel } from './property-level';
import { resourceConsumption } from './resource-consumption';
import { table } from './support/report';

/**
 * The OWASP API Security Top 10 (2023) attempts against the running local stack, in one file so
 * that one table lists every attempt and its outcome (printed at the end of the run). API7
 * (SSRF) and API10 (unsafe consumption) have no attack surface here: no route fetches a URL the
 * caller chooses, and the only upstreams (Cognito's JWKS, KMS, DynamoDB, SQS) are configured,
 * never client-supplied.
 */
let users: { victim: SignedInUser; attacker: SignedInUser; spammer: SignedInUser };

beforeAll(async () => {
  const [victim, attacker, spammer] = await Promise.all([
    signInNewUser('victim'),
    signInNewUser('attacker'),
    signInNewUser('spammer'),
  ]);
  users = { victim, attacker, spammer };
});

afterAll(() => {
  console.log(`\nOWASP API Security Top 10 (2023) attempts\n\n${table()}\n`);
});

objectLevel(() => users);
authentication(() => users);
propertyLevel(() => users);
resourceConsumption(() => users);
functionLevel(() => users);
businessFlows(() => users);
misconfiguration(() => users);
inventory();
