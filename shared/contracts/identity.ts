import {
  getUserRoute,
  searchUsersRoute,
  setUserGroupsRoute,
  setUserKycRoute,
  setUserStatusRoute,
} from './identity-admin';
import {
  changePasswordRoute,
  confirmRoute,
  confirmTwoFactorRoute,
  disableTwoFactorRoute,
  enableTwoFactorRoute,
  forgotPasswordRoute,
  loginRoute,
  logoutRoute,
  refreshRoute,
  registerRoute,
  resetPasswordRoute,
  verifyTwoFactorRoute,
} from './identity-auth';
import {
  getPreferencesRoute,
  getProfileRoute,
  listActivityRoute,
  listSessionsRoute,
  revokeSessionRoute,
  revokeSessionsRoute,
  updatePreferencesRoute,
  updateProfileRoute,
} from './identity-users';
import type { RouteContract } from './route-contract';

export * from './identity-admin';
export * from './identity-auth';
export * from './identity-events';
export * from './identity-preferences';
export * from './identity-schemas';
export * from './identity-users';

/** Every route of the identity context: sign-up to sessions, the caller's account, admin. */
export const identityContracts: readonly RouteContract[] = [
  registerRoute,
  confirmRoute,
  loginRoute,
  verifyTwoFactorRoute,
  refreshRoute,
  logoutRoute,
  changePasswordRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  enableTwoFactorRoute,
  confirmTwoFactorRoute,
  disableTwoFactorRoute,
  getProfileRoute,
  updateProfileRoute,
  getPreferencesRoute,
  updatePreferencesRoute,
  listSessionsRoute,
  revokeSessionRoute,
  revokeSessionsRoute,
  listActivityRoute,
  searchUsersRoute,
  getUserRoute,
  setUserStatusRoute,
  setUserKycRoute,
  setUserGroupsRoute,
];
