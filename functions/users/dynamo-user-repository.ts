import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StatusChange } from '../../shared/domain/user-status';
import { transact, type TableRef } from './dynamo-support';
import { dynamoUserUpdates } from './dynamo-user-updates';
import type { IdGenerator, UserProfile, UserRepository } from './ports';
import {
  emailIndexPk,
  groupIndexItem,
  kycIndexItem,
  PROFILE_SK,
  profileFromItem,
  profileItem,
  statusChangeFromItem,
  statusChangeItem,
  userPk,
  usernameKey,
} from './user-items';

const profileKey = (userId: string) => ({ pk: userPk(userId), sk: PROFILE_SK });

/** Profiles, their indexes, history and the identity outbox, in the Users table. */
export function dynamoUserRepository(ref: TableRef, ids: IdGenerator): UserRepository {
  const get = async (userId: string): Promise<UserProfile | undefined> => {
    const { Item } = await ref.documents.send(
      new GetCommand({ TableName: ref.table, Key: profileKey(userId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : profileFromItem(Item);
  };

  const createItems = (profile: UserProfile, change: StatusChange, withUsername: boolean) => [
    {
      Put: {
        TableName: ref.table,
        Item: profileItem(withUsername ? profile : { ...profile, username: null }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: ref.table, Item: kycIndexItem(profile) } },
    ...profile.groups.map((group) => ({
      Put: { TableName: ref.table, Item: groupIndexItem(profile, group) },
    })),
    { Put: { TableName: ref.table, Item: statusChangeItem(change, ids.uuid()) } },
    ...(withUsername && profile.username !== null
      ? [
          {
            Put: {
              TableName: ref.table,
              Item: { ...usernameKey(profile.username), user_id: profile.userId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
  ];

  return {
    get,
    ...dynamoUserUpdates(ref, ids, get),

    async findByEmail(email) {
      const { Items = [] } = await ref.documents.send(
        new QueryCommand({
          TableName: ref.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :email',
          ExpressionAttributeValues: { ':pk': emailIndexPk(email), ':email': email },
          Limit: 1,
        }),
      );
      const first = Items[0];
      return first === undefined ? undefined : profileFromItem(first);
    },

    async create(profile, change) {
      const first = await transact(ref, createItems(profile, change, true));
      if (first.ok) return true;
      if (first.failed.includes(0)) return false;
      const second = await transact(ref, createItems(profile, change, false));
      return second.ok;
    },

    async recordLogin(userId, at) {
      await ref.documents.send(
        new UpdateCommand({
          TableName: ref.table,
          Key: profileKey(userId),
          UpdateExpression: 'SET last_login_at = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    },

    async setMfaEnabled(userId, enabled, at) {
      await ref.documents.send(
        new UpdateCommand({
          TableName: ref.table,
          Key: profileKey(userId),
          UpdateExpression: 'SET mfa_enabled = :enabled, updated_at = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':enabled': enabled, ':at': at },
        }),
      );
    },

    async statusHistory(userId, limit) {
      const { Items = [] } = await ref.documents.send(
        new QueryCommand({
          TableName: ref.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': 'STATUS#' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return Items.map((item) => statusChangeFromItem(userId, item));
    },
  };
}
