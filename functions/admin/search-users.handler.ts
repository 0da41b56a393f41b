import { searchUsersRoute as contract } from '../../shared/contracts/identity-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { identityCore } from '../users/deps';
import type { UserDirectory } from '../users/ports';
import { pageView, userView } from '../users/views';

/** `GET /api/admin/users`: search by email prefix, status, KYC, group, creation range. */
export const searchUsersRoute =
  (deps: { directory: UserDirectory }): Route<typeof contract> =>
  async (request) => {
    const q = request.query;
    const page = await deps.directory.search(
      {
        emailPrefix: q.email_prefix,
        status: q.status,
        kycStatus: q.kyc_status,
        group: q.group,
        createdFrom: q.created_from,
        createdTo: q.created_to,
      },
      { limit: q.limit, cursor: q.cursor },
    );
    return { data: pageView(page, userView) };
  };

export const handler = apiHandler(
  contract,
  searchUsersRoute(identityCore()),
  createLogger('admin'),
);
