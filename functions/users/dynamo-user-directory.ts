import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { SortKeyRange } from '../../shared/aws/key-range';
import { decodeCursor, encodeCursor, indexKeys } from '../../shared/aws/page-cursor';
import type { TableRef } from './dynamo-support';
import type { PageRequest, UserDirectory, UserProfile, UserSearch } from './ports';
import {
  ALL_USERS_INDEX_PK,
  emailIndexPk,
  PROFILE_SK,
  profileFromItem,
  userPk,
} from './user-items';

interface Plan {
  readonly index: 'gsi1' | 'gsi2';
  readonly partition: string;
  /** Whether the index items are profiles (else pointers to be fetched). */
  readonly profiles: boolean;
  readonly byEmail: boolean;
}

/**
 * Picks the index for a search: an email prefix is the most selective, then status (both
 * index the profile itself), then KYC status or group (pointer items), else every user by
 * creation time. The other criteria are applied to the profiles found.
 */
function planOf(criteria: UserSearch): Plan {
  if (criteria.emailPrefix !== undefined) {
    const partition = emailIndexPk(criteria.emailPrefix);
    return { index: 'gsi1', partition, profiles: true, byEmail: true };
  }
  if (criteria.status !== undefined) {
    const partition = `STATUS#${criteria.status}`;
    return { index: 'gsi2', partition, profiles: true, byEmail: false };
  }
  if (criteria.kycStatus !== undefined) {
    const partition = `KYC#${criteria.kycStatus}`;
    return { index: 'gsi1', partition, profiles: false, byEmail: false };
  }
  if (criteria.group !== undefined) {
    const partition = `GROUP#${criteria.group}`;
    return { index: 'gsi1', partition, profiles: false, byEmail: false };
  }
  return { index: 'gsi2', partition: ALL_USERS_INDEX_PK, profiles: false, byEmail: false };
}

/** The index's sort-key condition of a search, if it has one. */
function sortRangeOf(plan: Plan, criteria: UserSearch): SortKeyRange | undefined {
  const name = `${plan.index}sk`;
  if (plan.byEmail) return { name, prefix: criteria.emailPrefix ?? '' };
  if (criteria.createdFrom === undefined && criteria.createdTo === undefined) return undefined;
  return { name, lower: criteria.createdFrom ?? '', upper: `${criteria.createdTo ?? '9999'}~` };
}

function keyCondition(plan: Plan, sort: SortKeyRange | undefined): Partial<QueryCommandInput> {
  const values: Record<string, string> = { ':pk': plan.partition };
  let condition = `${plan.index}pk = :pk`;
  if (sort !== undefined && 'prefix' in sort) {
    condition += ` AND begins_with(${sort.name}, :prefix)`;
    values[':prefix'] = sort.prefix;
  } else if (sort !== undefined) {
    condition += ` AND ${sort.name} BETWEEN :from AND :to`;
    values[':from'] = sort.lower;
    values[':to'] = sort.upper;
  }
  return {
    IndexName: plan.index,
    KeyConditionExpression: condition,
    ExpressionAttributeValues: values,
    ScanIndexForward: plan.byEmail,
  };
}

const matches = (criteria: UserSearch) => (p: UserProfile) =>
  (criteria.emailPrefix === undefined || p.email.startsWith(criteria.emailPrefix)) &&
  (criteria.status === undefined || p.status === criteria.status) &&
  (criteria.kycStatus === undefined || p.kycStatus === criteria.kycStatus) &&
  (criteria.group === undefined || p.groups.includes(criteria.group)) &&
  (criteria.createdFrom === undefined || p.createdAt >= criteria.createdFrom) &&
  (criteria.createdTo === undefined || p.createdAt <= criteria.createdTo);

/**
 * Admin search over the Users table's indexes — never Cognito `ListUsers`, which can filter by
 * one standard attribute only. Newest first, except email search (alphabetical).
 */
export function dynamoUserDirectory(ref: TableRef): UserDirectory {
  const fetchProfiles = async (userIds: readonly string[]): Promise<UserProfile[]> => {
    const byId = new Map<string, UserProfile>();
    let keys: Record<string, unknown>[] = userIds.map((id) => ({ pk: userPk(id), sk: PROFILE_SK }));
    for (let round = 0; keys.length > 0 && round < 5; round += 1) {
      const { Responses, UnprocessedKeys } = await ref.documents.send(
        new BatchGetCommand({ RequestItems: { [ref.table]: { Keys: keys } } }),
      );
      for (const item of Responses?.[ref.table] ?? []) {
        const profile = profileFromItem(item);
        byId.set(profile.userId, profile);
      }
      keys = UnprocessedKeys?.[ref.table]?.Keys ?? [];
    }
    return userIds.flatMap((id) => byId.get(id) ?? []);
  };

  return {
    async search(criteria: UserSearch, page: PageRequest) {
      const plan = planOf(criteria);
      const sort = sortRangeOf(plan, criteria);
      const start = decodeCursor(
        page.cursor,
        indexKeys(plan.index),
        { name: `${plan.index}pk`, value: plan.partition },
        sort,
      );
      const { Items = [], LastEvaluatedKey } = await ref.documents.send(
        new QueryCommand({
          TableName: ref.table,
          ...keyCondition(plan, sort),
          Limit: page.limit,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      const found = plan.profiles
        ? Items.map(profileFromItem)
        : await fetchProfiles(Items.map((item) => String(item['user_id'])));
      return { items: found.filter(matches(criteria)), nextCursor: encodeCursor(LastEvaluatedKey) };
    },
  };
}
