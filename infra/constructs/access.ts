import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { userPool as userPoolDefinition } from '../definitions/identity';
import { keys } from '../definitions/keys';
import { commandQueues, queues } from '../definitions/queues';
import { matchingShards } from '../../shared/trading/shards';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type {
  Access,
  KmsAction,
  QueueAccess,
  TableAccess,
  TableAction,
} from '../definitions/routes';
import { tables } from '../definitions/tables';
import { HEAD_ATTRIBUTES } from '../../shared/audit/audit-item';
import type { TableKey } from '../definitions/tables';
import type { ExchangeResources, KeyKey, QueueKey } from './resources';

/** Environment variables naming exactly the resources a grantee was given access to. */
export type AccessEnvironment = Readonly<Record<string, string>>;

/**
 * KMS actions whose requests carry an encryption context. Only these can be bound to
 * `kms:EncryptionContext:purpose`: on `DescribeKey`, `Sign` or `GetPublicKey` the condition key
 * is absent, so the condition would silently deny them.
 */
const contextBoundActions: ReadonlySet<KmsAction> = new Set<KmsAction>([
  'GenerateDataKey',
  'Decrypt',
]);

function entriesOf<K extends string, V>(record: Partial<Record<K, V>> | undefined): [K, V][] {
  return Object.entries(record ?? {}) as [K, V][];
}

type Conditions = Record<string, Record<string, unknown>>;

function allow(
  grantee: IGrantable,
  actions: string[],
  resources: string[],
  conditions?: Conditions,
): void {
  if (actions.length === 0) return;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions,
      resources,
      ...(conditions === undefined ? {} : { conditions }),
    }),
  );
}

const purposeCondition = (purpose: string | undefined): Conditions | undefined =>
  purpose === undefined
    ? undefined
    : { StringEquals: { 'kms:EncryptionContext:purpose': purpose } };

/**
 * Data-plane actions per access level, spelled out rather than taken from the table's `grant*`
 * helpers: those grant `<table>/index/*`, while we grant each index of the definition by name.
 * Conditional writes inside transactions need `ConditionCheckItem`, so writers hold it too.
 */
const tableActions: Readonly<Record<TableAccess, readonly string[]>> = {
  describe: ['DescribeTable'],
  read: ['BatchGetItem', 'ConditionCheckItem', 'DescribeTable', 'GetItem', 'Query', 'Scan'],
  write: [
    'BatchWriteItem',
    'ConditionCheckItem',
    'DeleteItem',
    'DescribeTable',
    'PutItem',
    'UpdateItem',
  ],
  readwrite: [
    'BatchGetItem',
    'BatchWriteItem',
    'ConditionCheckItem',
    'DeleteItem',
    'DescribeTable',
    'GetItem',
    'PutItem',
    'Query',
    'Scan',
    'UpdateItem',
  ],
  append: ['DescribeTable', 'PutItem'],
  count: ['UpdateItem'],
  readcount: ['BatchGetItem', 'DescribeTable', 'GetItem', 'Query', 'Scan', 'UpdateItem'],
  readappend: [
    'BatchGetItem',
    'ConditionCheckItem',
    'DescribeTable',
    'GetItem',
    'PutItem',
    'Query',
    'Scan',
  ],
};

/**
 * The audit trail's write-only level: besides PutItem of new records, only the chain heads may
 * be read and advanced, so GetItem and UpdateItem are limited to the head attributes (a record's
 * fields can be neither read nor changed through them) and may return nothing else.
 */
const headOnly: Conditions = {
  'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', ...HEAD_ATTRIBUTES] },
  StringEqualsIfExists: {
    'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
    'dynamodb:ReturnValues': ['NONE', 'UPDATED_NEW'],
  },
};

/** Index reads are only `Query` and `Scan`; `describe` and `write` never touch an index. */
const indexActions: Readonly<Record<TableAccess, readonly string[]>> = {
  describe: [],
  read: ['Query', 'Scan'],
  write: [],
  readwrite: ['Query', 'Scan'],
  append: [],
  readappend: ['Query', 'Scan'],
  count: [],
  readcount: ['Query', 'Scan'],
};

const dynamodb = (actions: readonly string[]): string[] => actions.map((a) => `dynamodb:${a}`);

const indexArnsOf = (key: TableKey, tableArn: string): string[] =>
  tables[key].globalIndexes.map((index) => `${tableArn}/index/${index.name}`);

function grantTable(
  grantee: IGrantable,
  key: TableKey,
  level: TableAccess,
  resources: ExchangeResources,
): void {
  const tableArn = resources.tables[key].tableArn;
  allow(grantee, dynamodb(tableActions[level]), [tableArn]);
  if (level === 'append' || level === 'readappend') {
    allow(grantee, dynamodb(['GetItem', 'UpdateItem']), [tableArn], headOnly);
  }
  const indexArns = indexArnsOf(key, tableArn);
  if (indexArns.length > 0) allow(grantee, dynamodb(indexActions[level]), indexArns);
}

function grantTableActions(
  grantee: IGrantable,
  key: TableKey,
  actions: readonly TableAction[],
  resources: ExchangeResources,
): void {
  const tableArn = resources.tables[key].tableArn;
  allow(grantee, dynamodb(actions), [tableArn]);
  const indexArns = indexArnsOf(key, tableArn);
  const indexReads = actions.filter((a) => a === 'Query' || a === 'Scan');
  if (indexArns.length > 0) allow(grantee, dynamodb(indexReads), indexArns);
}

function grantQueue(grantee: IGrantable, queue: IQueue, level: QueueAccess): void {
  switch (level) {
    case 'send':
      queue.grantSendMessages(grantee);
      return;
    case 'describe':
      allow(grantee, ['sqs:GetQueueAttributes'], [queue.queueArn]);
      return;
  }
}

function grantKey(
  grantee: IGrantable,
  key: KeyKey,
  actions: readonly KmsAction[],
  access: Access,
  resources: ExchangeResources,
): void {
  const arn = resources.keys[key].keyArn;
  const purpose = access.kmsPurposes?.[key] ?? access.kmsPurpose;
  const bound = actions.filter((a) => purpose !== undefined && contextBoundActions.has(a));
  const unbound = actions.filter((a) => !bound.includes(a));
  // `kmsDecryptKeyIds` narrows Decrypt further to those `key_id` contexts, in its own statement.
  const narrowDecrypt = access.kmsDecryptKeyIds !== undefined && bound.includes('Decrypt');
  allow(
    grantee,
    unbound.map((a) => `kms:${a}`),
    [arn],
  );
  allow(
    grantee,
    bound.filter((a) => !(narrowDecrypt && a === 'Decrypt')).map((a) => `kms:${a}`),
    [arn],
    purposeCondition(purpose),
  );
  if (narrowDecrypt) {
    allow(grantee, ['kms:Decrypt'], [arn], {
      StringEquals: {
        'kms:EncryptionContext:purpose': purpose,
        'kms:EncryptionContext:key_id': [...(access.kmsDecryptKeyIds ?? [])],
      },
    });
  }
}

/**
 * Turns a declarative {@link Access} into least-privilege IAM grants on `grantee` and returns
 * the environment variables that name exactly those resources. A deployable can therefore only
 * learn the name of a resource it may touch, and the definitions stay the single source of
 * truth for both the permission and the variable.
 *
 * - table: `describe` is `dynamodb:DescribeTable` only; `read`, `write` and `readwrite` grant
 *   the data actions of that level on the table and `Query`/`Scan` on each of its named
 *   indexes (never `index/*`); the env var is the table's `envVar`.
 * - tableActions: exactly the listed actions on the table, and those of them that are `Query`
 *   or `Scan` on each named index; same env var. Naming a table in both `tables` and
 *   `tableActions` throws: the grant would be the union, not the list.
 * - queue: `send` grants sending; `describe` is `sqs:GetQueueAttributes` only. `commandQueues`
 *   grants the level on every shard's command queue and names each in `ORDERS_QUEUE_URL_<ID>`.
 * - user pool (present even with no actions): pool and client ids, plus `cognito-idp:<action>`.
 * - key: the key ARN in its `envVar` and `kms:<action>` on that key, bound to
 *   `kms:EncryptionContext:purpose` when `kmsPurpose` is set.
 */
export function grantAccess(
  grantee: IGrantable,
  access: Access,
  resources: ExchangeResources,
): AccessEnvironment {
  const env: Record<string, string> = {};
  for (const [key, level] of entriesOf(access.tables)) {
    grantTable(grantee, key, level, resources);
    env[tables[key].envVar] = resources.tables[key].tableName;
  }
  for (const [key, actions] of entriesOf(access.tableActions)) {
    if (access.tables?.[key] !== undefined) {
      throw new Error(`table ${key} has both an access level and a list of actions`);
    }
    grantTableActions(grantee, key, actions, resources);
    env[tables[key].envVar] = resources.tables[key].tableName;
  }
  for (const [key, level] of entriesOf<QueueKey, QueueAccess>(access.queues)) {
    grantQueue(grantee, resources.queues[key], level);
    env[queues[key].envVar] = resources.queues[key].queueUrl;
  }
  if (access.commandQueues !== undefined) {
    for (const shard of matchingShards) {
      grantQueue(grantee, resources.commandQueues[shard.id], access.commandQueues);
      env[commandQueues[shard.id].envVar] = resources.commandQueues[shard.id].queueUrl;
    }
  }
  if (access.userPool !== undefined) {
    allow(
      grantee,
      access.userPool.map((a) => `cognito-idp:${a}`),
      [resources.userPool.userPoolArn],
    );
    env[userPoolDefinition.poolEnvVar] = resources.userPool.userPoolId;
    env[userPoolDefinition.clientEnvVar] = resources.userPoolClient.userPoolClientId;
  }
  for (const [key, actions] of entriesOf(access.keys)) {
    grantKey(grantee, key, actions, access, resources);
    env[keys[key].envVar] = resources.keys[key].keyArn;
  }
  if (access.mail === 'send') {
    const domain = resources.mailFrom.split('@')[1] ?? resources.mailFrom;
    // The grantee is the function construct: its own stack formats the ARN, so no cross-stack
    // reference to the region or account is created.
    const stack = Stack.of(grantee as unknown as IConstruct);
    const identity = (name: string) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    allow(
      grantee,
      ['ses:SendEmail', 'ses:SendRawEmail'],
      [identity(domain), identity(resources.mailFrom)],
    );
    env['MAIL_FROM'] = resources.mailFrom;
  }
  return env;
}
