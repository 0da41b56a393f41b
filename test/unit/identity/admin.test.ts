import { describe, expect, it } from 'vitest';
import { changeUserStatus } from '../../../functions/admin/change-status';
import { setUserGroups } from '../../../functions/admin/set-groups';
import { updateUserKyc } from '../../../functions/admin/update-kyc';
import { userEventSchema } from '../../../shared/contracts/identity-events';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../../../shared/domain/errors';
import { activeUser, context, identityWorld, signedIn } from './fakes/world';

const setup = async () => {
  const world = identityWorld();
  const officer = await signedIn(world, 'officer@example.com', ['trader', 'admin']);
  const target = await signedIn(world, 'target@example.com');
  return { world, officer, target };
};

describe('changeUserStatus', () => {
  it('suspends: disables sign-in, revokes every session, records history and an outbox event', async () => {
    const { world, officer, target } = await setup();

    const updated = await changeUserStatus(
      world,
      officer.identity,
      target.userId,
      { status: 'SUSPENDED', reason: 'chargeback investigation' },
      context,
    );

    expect(updated.status).toBe('SUSPENDED');
    expect(world.cognito.calls).toContain(`disable ${target.userId}`);
    expect(await world.sessions.liveIds(target.userId, world.clock.now().toISOString())).toEqual(
      [],
    );
    expect(world.users.history.at(-1)).toMatchObject({
      from: 'ACTIVE',
      to: 'SUSPENDED',
      reason: 'chargeback investigation',
      actor: officer.userId,
    });
    expect(world.users.outbox).toHaveLength(1);
    expect(userEventSchema.parse(world.users.outbox[0])).toMatchObject({
      type: 'user.suspended',
      user_id: target.userId,
      from_status: 'ACTIVE',
    });
    expect(world.audit.entries.at(-1)).toMatchObject({
      action: 'user.status.changed',
      actor: { type: 'admin', id: officer.userId },
    });
  });

  it('audits the change before enforcing it, so a Cognito failure cannot leave it unrecorded', async () => {
    const { world, officer, target } = await setup();
    world.cognito.disable = async () => {
      throw new Error('TooManyRequestsException');
    };
    const input = { status: 'SUSPENDED' as const, reason: 'chargeback investigation' };

    const attempt = changeUserStatus(world, officer.identity, target.userId, input, context);

    await expect(attempt).rejects.toThrow('TooManyRequestsException');
    expect(world.audit.entries.map((e) => e.action)).toContain('user.status.changed');
  });

  it('lets only an admin change the status of an admin account', async () => {
    const world = identityWorld();
    const compliance = await signedIn(world, 'officer@example.com', ['trader', 'compliance']);
    const admin = activeUser(world, 'admin@example.com', ['trader', 'admin']);
    const input = { status: 'CLOSED' as const, reason: 'mistake' };

    const attempt = changeUserStatus(world, compliance.identity, admin, input, context);

    await expect(attempt).rejects.toThrow(PermissionDeniedError);
    expect(world.users.profiles.get(admin)?.status).toBe('ACTIVE');
  });

  it('reactivates a suspended account and enables sign-in again', async () => {
    const { world, officer, target } = await setup();
    const input = { status: 'SUSPENDED' as const, reason: 'review pending' };
    await changeUserStatus(world, officer.identity, target.userId, input, context);

    await changeUserStatus(
      world,
      officer.identity,
      target.userId,
      { status: 'ACTIVE', reason: 'review cleared' },
      context,
    );

    expect(world.users.profiles.get(target.userId)?.status).toBe('ACTIVE');
    expect(world.cognito.calls).toContain(`enable ${target.userId}`);
    expect(world.users.outbox.map((e) => e.type)).toEqual(['user.suspended', 'user.reactivated']);
  });

  it('keeps CLOSED terminal', async () => {
    const { world, officer, target } = await setup();
    await changeUserStatus(
      world,
      officer.identity,
      target.userId,
      { status: 'CLOSED', reason: 'requested by the customer' },
      context,
    );

    await expect(
      changeUserStatus(
        world,
        officer.identity,
        target.userId,
        { status: 'ACTIVE', reason: 'change of mind' },
        context,
      ),
    ).rejects.toThrow(ConflictError);
  });

  it('re-enforces the current status without a new history entry', async () => {
    const { world, officer, target } = await setup();
    const input = { status: 'SUSPENDED' as const, reason: 'fraud signal' };
    await changeUserStatus(world, officer.identity, target.userId, input, context);
    const historyBefore = world.users.history.length;

    await changeUserStatus(world, officer.identity, target.userId, input, context);

    expect(world.users.history).toHaveLength(historyBefore);
    expect(world.cognito.calls.filter((c) => c === `disable ${target.userId}`)).toHaveLength(2);
  });

  it("refuses to change the officer's own status", async () => {
    const { world, officer } = await setup();

    await expect(
      changeUserStatus(
        world,
        officer.identity,
        officer.userId,
        { status: 'SUSPENDED', reason: 'testing myself' },
        context,
      ),
    ).rejects.toThrow('You cannot change the status of your own account');
  });

  it('answers 404 for an unknown account', async () => {
    const { world, officer } = await setup();

    await expect(
      changeUserStatus(
        world,
        officer.identity,
        '00000000-0000-4000-8000-999999999999',
        { status: 'SUSPENDED', reason: 'nobody' },
        context,
      ),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('updateUserKyc', () => {
  it('sets KYC fields and audits before and after with the reason', async () => {
    const { world, officer, target } = await setup();

    const updated = await updateUserKyc(
      world,
      officer.identity,
      target.userId,
      { kycStatus: 'APPROVED', kycLevel: 2, reason: 'documents verified' },
      context,
    );

    expect(updated).toMatchObject({ kycStatus: 'APPROVED', kycLevel: 2, feeTier: 1 });
    expect(world.audit.entries.at(-1)?.details).toMatchObject({
      reason: 'documents verified',
      before: { kyc_status: 'NONE', kyc_level: 0 },
      after: { kyc_status: 'APPROVED', kyc_level: 2 },
    });
  });
});

describe('setUserGroups', () => {
  it('adds and removes roles at Cognito and in the profile, keeping trader', async () => {
    const { world, officer, target } = await setup();

    const updated = await setUserGroups(
      world,
      officer.identity,
      target.userId,
      { groups: ['compliance'], reason: 'joined the compliance team' },
      context,
    );

    expect(updated.groups).toEqual(['trader', 'compliance']);
    expect([...world.cognito.accounts.get('target@example.com')!.groups].sort()).toEqual([
      'compliance',
      'trader',
    ]);
  });

  it('undoes its Cognito change when another officer changed the roles since its read', async () => {
    const { world, officer, target } = await setup();
    world.users.setGroups = async () => {
      throw new ConflictError('The account changed meanwhile; reload it');
    };
    const groups = () => [...world.cognito.accounts.get('target@example.com')!.groups].sort();
    const before = groups();

    const attempt = setUserGroups(
      world,
      officer.identity,
      target.userId,
      { groups: ['compliance'], reason: 'joined the compliance team' },
      context,
    );

    await expect(attempt).rejects.toThrow(ConflictError);
    expect(groups()).toEqual(before);
  });

  it("refuses to remove the officer's own admin role", async () => {
    const { world, officer } = await setup();

    await expect(
      setUserGroups(
        world,
        officer.identity,
        officer.userId,
        { groups: ['trader'], reason: 'stepping down' },
        context,
      ),
    ).rejects.toThrow('You cannot remove your own admin role');
  });

  it('changes nothing when the roles are already those', async () => {
    const world = identityWorld();
    const officer = await signedIn(world, 'officer@example.com', ['trader', 'admin']);
    const userId = activeUser(world, 'plain@example.com');
    const auditBefore = world.audit.entries.length;

    await setUserGroups(
      world,
      officer.identity,
      userId,
      { groups: ['trader'], reason: 'noop' },
      context,
    );

    expect(world.audit.entries).toHaveLength(auditBefore);
  });
});
