import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { userStatuses } from '../../shared/domain/user-status';
import { storedInt } from '../../shared/trading/numbers';
import type { AccountProfile, AccountProfiles } from './ports';

/** The profile attributes trading reads; written by identity at `USER#<sub>` / `PROFILE`. */
const profileSchema = z.object({
  status: z.enum(userStatuses),
  kyc_level: storedInt.default(0),
  fee_tier: storedInt.default(1),
  mfa_enabled: z.boolean().default(false),
});

/** See {@link AccountProfiles}: no profile item reads as ACTIVE, level 0, tier 1, no MFA. */
export const DEFAULT_PROFILE: AccountProfile = {
  status: 'ACTIVE',
  kycLevel: 0,
  feeTier: 1,
  mfaEnabled: false,
};

/** Strongly consistent reads, so a suspension is seen by the very next order. */
export function dynamoAccountProfiles(
  documents: DynamoDBDocumentClient,
  usersTable: string,
): AccountProfiles {
  return {
    async get(userId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: usersTable,
          Key: { pk: `USER#${userId}`, sk: 'PROFILE' },
          ProjectionExpression: '#status, kyc_level, fee_tier, mfa_enabled',
          ExpressionAttributeNames: { '#status': 'status' },
          ConsistentRead: true,
        }),
      );
      if (Item === undefined) return DEFAULT_PROFILE;
      const profile = profileSchema.parse(Item);
      return {
        status: profile.status,
        kycLevel: profile.kyc_level,
        feeTier: profile.fee_tier,
        mfaEnabled: profile.mfa_enabled,
      };
    },
  };
}
