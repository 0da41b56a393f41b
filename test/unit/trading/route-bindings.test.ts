import { describe, expect, it } from 'vitest';
import {
  tradingReconciler,
  tradingRoutes,
} from '../../../infra/definitions/route-bindings/trading';
import { routeKey } from '../../../shared/contracts/route-contract';
import { TOTP_KMS_PURPOSE } from '../../../shared/identity/totp-envelope';
import { tradingContracts } from '../../../shared/contracts/trading';

const senders = [
  'POST /api/orders',
  'DELETE /api/orders/{id}',
  'POST /api/admin/trading/reconcile',
];

describe('trading route bindings', () => {
  it('binds every trading contract once, behind the authorizer', () => {
    expect(tradingRoutes.map(routeKey).sort()).toEqual(tradingContracts.map(routeKey).sort());
    expect(tradingRoutes.every((route) => route.auth === 'user')).toBe(true);
  });

  it('lets only placing, cancelling and the reconciler send to the command queues, and only send', () => {
    const withQueue = tradingRoutes.filter(
      (route) => route.access.commandQueues !== undefined || route.access.queues !== undefined,
    );

    expect(withQueue.map(routeKey).sort()).toEqual([...senders].sort());
    expect(withQueue.every((route) => route.access.commandQueues === 'send')).toBe(true);
    expect(withQueue.every((route) => route.access.queues === undefined)).toBe(true);
    expect(tradingReconciler.access.commandQueues).toBe('send');
  });

  it('gives read routes read access to the Trading table and nothing else', () => {
    const reads = tradingRoutes.filter(
      (route) => route.method === 'GET' && route.path !== '/api/account/fee-tier',
    );

    for (const route of reads) {
      expect(route.access, routeKey(route)).toEqual({ tables: { trading: 'read' } });
    }
  });

  it('keeps KMS, the vault and the user pool out of every trading function but the step-up', () => {
    for (const route of tradingRoutes) {
      const stepUp = routeKey(route) === 'POST /api/account/withdraw';
      expect(route.access.keys, routeKey(route)).toEqual(stepUp ? { mfa: ['Decrypt'] } : undefined);
      expect(route.access.userPool, routeKey(route)).toBeUndefined();
      expect(route.access.tables?.vault, routeKey(route)).toBeUndefined();
      expect(['append', undefined], routeKey(route)).toContain(route.access.tables?.audit);
    }
  });

  it('lets withdraw decrypt with the MFA key only under the totp purpose', () => {
    const withdraw = tradingRoutes.find((r) => routeKey(r) === 'POST /api/account/withdraw');

    expect(withdraw?.access.keys).toEqual({ mfa: ['Decrypt'] });
    expect(withdraw?.access.kmsPurpose).toBe(TOTP_KMS_PURPOSE);
  });

  it('restricts every admin trading route to admin groups', () => {
    for (const contract of tradingContracts.filter((c) => c.path.startsWith('/api/admin/'))) {
      expect(contract.groups, routeKey(contract)).toBeDefined();
      expect(contract.groups).not.toContain('trader');
    }
  });
});
