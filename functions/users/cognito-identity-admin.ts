import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityAdmin, ProviderAccount } from './identity-provider';

const errorName = (error: unknown): string => (error as { name?: string } | null)?.name ?? '';

/**
 * Admin calls on the user pool (IAM-authorised: each function is granted only the actions it
 * uses). Accounts are addressed by `sub`, which Cognito accepts as the username of a pool that
 * signs in by email.
 */
export function cognitoIdentityAdmin(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): IdentityAdmin {
  const pool = { UserPoolId: userPoolId };
  return {
    async findAccount(email): Promise<ProviderAccount | undefined> {
      try {
        const user = await client.send(new AdminGetUserCommand({ ...pool, Username: email }));
        const attribute = (name: string) =>
          user.UserAttributes?.find((a) => a.Name === name)?.Value;
        const userId = attribute('sub');
        if (userId === undefined) throw new Error('the provider returned an account without sub');
        return {
          userId,
          email: attribute('email') ?? email,
          preferredUsername: attribute('preferred_username') ?? null,
          confirmed: user.UserStatus !== 'UNCONFIRMED',
          enabled: user.Enabled !== false,
        };
      } catch (error) {
        if (errorName(error) === 'UserNotFoundException') return undefined;
        throw error;
      }
    },

    async deleteAccount(email) {
      try {
        await client.send(new AdminDeleteUserCommand({ ...pool, Username: email }));
      } catch (error) {
        if (errorName(error) !== 'UserNotFoundException') throw error;
      }
    },

    async addToGroup(userId, group) {
      await client.send(
        new AdminAddUserToGroupCommand({ ...pool, Username: userId, GroupName: group }),
      );
    },

    async removeFromGroup(userId, group) {
      await client.send(
        new AdminRemoveUserFromGroupCommand({ ...pool, Username: userId, GroupName: group }),
      );
    },

    async disable(userId) {
      await client.send(new AdminDisableUserCommand({ ...pool, Username: userId }));
    },

    async enable(userId) {
      await client.send(new AdminEnableUserCommand({ ...pool, Username: userId }));
    },

    async signOutEverywhere(userId) {
      try {
        await client.send(new AdminUserGlobalSignOutCommand({ ...pool, Username: userId }));
        return true;
      } catch (error) {
        if (errorName(error) === 'Unsupported') return false;
        throw error;
      }
    },
  };
}
