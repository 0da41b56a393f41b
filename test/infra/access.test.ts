import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { grantAccess } from '../../infra/constructs/access';
import type { Access } from '../../infra/definitions/routes';
import { StatefulStack } from '../../infra/stacks/stateful-stack';
import { matchingShards } from '../../shared/trading/shards';
import { actionsOf, logicalIdOf, statementsOfRole } from './support';
import type { Statement } from './support';

const app = new App();
const stateful = new StatefulStack(app, 'Stateful', {
  stage: 'test',
  mailFrom: 'no-reply@example.com',
});
const consumer = new Stack(app, 'Consumer');

const cases = {
  vault: {
    keys: { vault: ['GenerateDataKey', 'Decrypt', 'DescribeKey'] },
    kmsPurpose: 'exchange-credentials',
  },
  describer: { tables: { users: 'describe' } },
  reader: { tables: { users: 'read' } },
  sender: { commandQueues: 'send' },
  deadLetterDescriber: { queues: { ordersDeadLetter: 'describe' } },
  authorizer: { userPool: [] },
  appender: { tables: { audit: 'append' } },
  pepperOnly: {
    keys: { vault: ['GenerateDataKey', 'Decrypt'] },
    kmsPurpose: 'exchange-api-key',
    kmsDecryptKeyIds: ['fingerprint-pepper'],
  },
  mailer: { mail: 'send' },
  lister: { tableActions: { trading: ['GetItem', 'Query'] } },
} as const satisfies Record<string, Access>;

const granted = Object.entries(cases).map(([id, access]) => {
  const role = new Role(consumer, id, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  return { id, role, env: grantAccess(role, access, stateful.resources) };
});
const template = Template.fromStack(consumer);

/** The statements and environment one case's role ended up with. */
function grantOf(id: keyof typeof cases): { statements: Statement[]; env: Record<string, string> } {
  const found = granted.find((g) => g.id === id);
  if (found === undefined) throw new Error(`no case ${id}`);
  return { statements: statementsOfRole(template, logicalIdOf(found.role)), env: { ...found.env } };
}

const vault = grantOf('vault');
const describer = grantOf('describer');
const reader = grantOf('reader');
const sender = grantOf('sender');
const deadLetterDescriber = grantOf('deadLetterDescriber');
const authorizer = grantOf('authorizer');
const appender = grantOf('appender');
const mailer = grantOf('mailer');
const pepperOnly = grantOf('pepperOnly');
const lister = grantOf('lister');

describe('grantAccess', () => {
  it('binds data-key actions to the declared encryption-context purpose', () => {
    const bound = vault.statements.filter((s) => s.Condition !== undefined);

    expect(bound).toHaveLength(1);
    expect(actionsOf(bound).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(bound[0]?.Condition).toEqual({
      StringEquals: { 'kms:EncryptionContext:purpose': 'exchange-credentials' },
    });
  });

  it('leaves DescribeKey unconditioned, since it carries no encryption context', () => {
    const free = vault.statements.filter((s) => s.Condition === undefined);

    expect(actionsOf(free)).toEqual(['kms:DescribeKey']);
  });

  it('names the key by ARN in its env var', () => {
    expect(Object.keys(vault.env)).toEqual(['VAULT_KEY_ID']);
  });

  it('grants describe as DescribeTable on the table alone', () => {
    expect(actionsOf(describer.statements)).toEqual(['dynamodb:DescribeTable']);
    expect(describer.statements).toHaveLength(1);
    expect(JSON.stringify(describer.statements[0]?.Resource)).not.toContain('index');
    expect(describer.env).toHaveProperty('USERS_TABLE');
  });

  it('grants index reads on each named index, never index/*', () => {
    const resources = JSON.stringify(reader.statements.map((s) => s.Resource));

    expect(resources).toContain('/index/gsi1');
    expect(resources).toContain('/index/gsi2');
    expect(resources).not.toContain('index/*');
    expect(actionsOf(reader.statements)).not.toContain('dynamodb:PutItem');
  });

  it("grants send on every shard's command queue and names each by URL", () => {
    const queueArns = sender.statements
      .filter((s) => actionsOf([s]).includes('sqs:SendMessage'))
      .map((s) => JSON.stringify(s.Resource));

    expect(queueArns).toHaveLength(matchingShards.length);
    for (const shard of matchingShards) {
      const queueId = logicalIdOf(stateful.resources.commandQueues[shard.id]);
      expect(queueArns.filter((arn) => arn.includes(queueId))).toHaveLength(1);
    }
    expect(Object.keys(sender.env).sort()).toEqual([
      'ORDERS_QUEUE_URL_BTC',
      'ORDERS_QUEUE_URL_ETH',
    ]);
  });

  it('describes a single queue with GetQueueAttributes only and names it by URL', () => {
    expect(actionsOf(deadLetterDescriber.statements)).toEqual(['sqs:GetQueueAttributes']);
    expect(Object.keys(deadLetterDescriber.env)).toEqual(['ORDERS_DLQ_URL']);
  });

  it('gives an empty user-pool access the pool and client ids but no cognito action', () => {
    expect(Object.keys(authorizer.env).sort()).toEqual(['USER_POOL_CLIENT_ID', 'USER_POOL_ID']);
    expect(actionsOf(authorizer.statements).filter((a) => a.startsWith('cognito-idp:'))).toEqual(
      [],
    );
  });

  it('lets an audit writer append records but read and change only the chain heads', () => {
    const free = appender.statements.filter((s) => s.Condition === undefined);
    const headOnly = appender.statements.filter((s) => s.Condition !== undefined);

    expect(actionsOf(free).sort()).toEqual(['dynamodb:DescribeTable', 'dynamodb:PutItem']);
    expect(actionsOf(headOnly).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(headOnly[0]?.Condition).toMatchObject({
      'ForAllValues:StringEquals': {
        'dynamodb:Attributes': ['pk', 'sk', 'head_seq', 'head_hash', 'head_last_id', 'head_at'],
      },
    });
    expect(actionsOf(appender.statements)).not.toContain('dynamodb:DeleteItem');
    expect(appender.env).toEqual({ AUDIT_TABLE: expect.any(String) });
  });

  it('lets a mailer send only as the configured sender and names it', () => {
    expect(actionsOf(mailer.statements).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(JSON.stringify(mailer.statements)).toContain('identity/example.com');
    expect(mailer.env).toEqual({ MAIL_FROM: 'no-reply@example.com' });
  });

  it('narrows Decrypt to the declared key_id contexts when asked', () => {
    const decrypt = pepperOnly.statements.filter((s) => actionsOf([s]).includes('kms:Decrypt'));

    expect(decrypt).toHaveLength(1);
    expect(actionsOf(decrypt)).toEqual(['kms:Decrypt']);
    expect(decrypt[0]?.Condition).toEqual({
      StringEquals: {
        'kms:EncryptionContext:purpose': 'exchange-api-key',
        'kms:EncryptionContext:key_id': ['fingerprint-pepper'],
      },
    });
  });

  it('grants a list of table actions exactly, with its Query on each named index', () => {
    const onIndexes = lister.statements.filter((s) =>
      JSON.stringify(s.Resource).includes('/index/'),
    );
    const onTable = lister.statements.filter((s) => !onIndexes.includes(s));

    expect(actionsOf(onTable).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(actionsOf(onIndexes)).toEqual(['dynamodb:Query']);
    expect(JSON.stringify(onIndexes[0]?.Resource)).toContain('/index/gsi1');
    expect(JSON.stringify(onIndexes[0]?.Resource)).toContain('/index/gsi2');
    expect(lister.env).toEqual({ TRADING_TABLE: expect.any(String) });
  });

  it('rejects a table named with both a level and a list of actions', () => {
    const role = new Role(new Stack(new App(), 'Both'), 'Both', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });

    expect(() =>
      grantAccess(
        role,
        { tables: { trading: 'read' }, tableActions: { trading: ['GetItem'] } },
        stateful.resources,
      ),
    ).toThrow('table trading has both an access level and a list of actions');
  });
});
