import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import { transact, type TableRef } from './dynamo-support';
import type { IdGenerator, UserProfile, UserRepository } from './ports';
import {
  epochSeconds,
  groupIndexItem,
  groupIndexSk,
  KYC_INDEX_SK,
  PROFILE_SK,
  statusChangeItem,
  userPk,
  usernameKey,
} from './user-items';
import { USER_EVENTS_OUTBOX_PK } from '../../shared/contracts/identity-events';

const OUTBOX_RETENTION_SECONDS = 30 * 24 * 3600;

type Updates = Pick<UserRepository, 'setUsername' | 'changeStatus' | 'updateKyc' | 'setGroups'>;

/**
 * The profile changes that touch more than one item (a claim, an index, history, the outbox),
 * each as one transaction, and each answering the profile as stored afterwards.
 */
export function dynamoUserUpdates(
  ref: TableRef,
  ids: IdGenerator,
  get: (userId: string) => Promise<UserProfile | undefined>,
): Updates {
  const reread = async (userId: string): Promise<UserProfile> => {
    const profile = await get(userId);
    if (profile === undefined) throw new NotFoundError('No such user');
    return profile;
  };
  const profileUpdate = (
    userId: string,
    expression: string,
    values: Record<string, unknown>,
    names?: Record<string, string>,
    unchanged = 'attribute_exists(pk)',
  ) => ({
    Update: {
      TableName: ref.table,
      Key: { pk: userPk(userId), sk: PROFILE_SK },
      UpdateExpression: expression,
      ConditionExpression: unchanged,
      ExpressionAttributeValues: values,
      ...(names === undefined ? {} : { ExpressionAttributeNames: names }),
    },
  });
  /** A conditional profile write failed: the account is gone, or another officer got there first. */
  const refused = async (userId: string): Promise<never> => {
    await reread(userId);
    throw new ConflictError('The account changed meanwhile; reload it');
  };

  return {
    async setUsername(profile, username, at) {
      const previous = profile.username?.toLowerCase() ?? null;
      const next = username?.toLowerCase() ?? null;
      const items = [
        profileUpdate(profile.userId, 'SET username = :u, updated_at = :at', {
          ':u': username,
          ':at': at,
        }),
        ...(next !== null && next !== previous
          ? [
              {
                Put: {
                  TableName: ref.table,
                  Item: { ...usernameKey(next), user_id: profile.userId },
                  ConditionExpression: 'attribute_not_exists(pk) OR user_id = :me',
                  ExpressionAttributeValues: { ':me': profile.userId },
                },
              },
            ]
          : []),
        ...(previous !== null && previous !== next
          ? [{ Delete: { TableName: ref.table, Key: usernameKey(previous) } }]
          : []),
      ];
      const outcome = await transact(ref, items);
      if (!outcome.ok) throw new ConflictError('The username is taken');
      return reread(profile.userId);
    },

    async changeStatus(change, events) {
      const outcome = await transact(ref, [
        {
          Update: {
            TableName: ref.table,
            Key: { pk: userPk(change.userId), sk: PROFILE_SK },
            UpdateExpression: 'SET #status = :to, gsi2pk = :index, updated_at = :at',
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':to': change.to,
              ':from': change.from,
              ':index': `STATUS#${change.to}`,
              ':at': change.at,
            },
          },
        },
        { Put: { TableName: ref.table, Item: statusChangeItem(change, ids.uuid()) } },
        ...events.map((event) => ({
          Put: {
            TableName: ref.table,
            Item: {
              pk: USER_EVENTS_OUTBOX_PK,
              sk: `${event.occurred_at}#${event.event_id}`,
              ...event,
              expires_at: epochSeconds(event.occurred_at) + OUTBOX_RETENTION_SECONDS,
            },
          },
        })),
      ]);
      if (!outcome.ok) throw new ConflictError('The account status changed meanwhile; reload it');
      return reread(change.userId);
    },

    async updateKyc(profile, patch, at) {
      const next = {
        kycStatus: patch.kycStatus ?? profile.kycStatus,
        kycLevel: patch.kycLevel ?? profile.kycLevel,
        feeTier: patch.feeTier ?? profile.feeTier,
      };
      const outcome = await transact(ref, [
        profileUpdate(
          profile.userId,
          'SET kyc_status = :s, kyc_level = :l, fee_tier = :t, updated_at = :at',
          {
            ':s': next.kycStatus,
            ':l': next.kycLevel,
            ':t': next.feeTier,
            ':at': at,
            ':s0': profile.kycStatus,
            ':l0': profile.kycLevel,
            ':t0': profile.feeTier,
          },
          undefined,
          'kyc_status = :s0 AND kyc_level = :l0 AND fee_tier = :t0',
        ),
        {
          Update: {
            TableName: ref.table,
            Key: { pk: userPk(profile.userId), sk: KYC_INDEX_SK },
            UpdateExpression: 'SET gsi1pk = :index',
            ExpressionAttributeValues: { ':index': `KYC#${next.kycStatus}` },
          },
        },
      ]);
      if (!outcome.ok) return refused(profile.userId);
      return reread(profile.userId);
    },

    async setGroups(profile, groups, at) {
      const added = groups.filter((group) => !profile.groups.includes(group));
      const removed = profile.groups.filter((group) => !groups.includes(group));
      const outcome = await transact(ref, [
        profileUpdate(
          profile.userId,
          'SET #groups = :groups, updated_at = :at',
          { ':groups': [...groups], ':at': at, ':before': [...profile.groups] },
          { '#groups': 'groups' },
          '#groups = :before',
        ),
        ...added.map((group) => ({
          Put: { TableName: ref.table, Item: groupIndexItem(profile, group) },
        })),
        ...removed.map((group) => ({
          Delete: {
            TableName: ref.table,
            Key: { pk: userPk(profile.userId), sk: groupIndexSk(group) },
          },
        })),
      ]);
      if (!outcome.ok) return refused(profile.userId);
      return reread(profile.userId);
    },
  };
}
