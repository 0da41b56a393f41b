import { Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { acknowledgements } from '../../infra/constructs/nag';
import { buildExchange } from './support';

/** Every AwsSolutions acknowledgement recorded in the tree, with its reason. */
function recordedAcknowledgements(root: IConstruct): { id: string; reason: string }[] {
  return root.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
    .map(([id, reason]) => ({ id: id.replace(/^annotation::/i, ''), reason }))
    .filter(({ id }) => id.startsWith('AwsSolutions-'));
}

describe('cdk-nag AwsSolutions pack', () => {
  it('synthesizes the app with no unacknowledged finding', () => {
    const { app } = buildExchange({ nag: true });

    expect(() => app.synth()).not.toThrow();
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (v) =>
        `${v.severity} ${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    const { app, stacks } = buildExchange({ nag: true });
    new Queue(stacks.api, 'Unencrypted', { encryption: QueueEncryption.UNENCRYPTED });

    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });

  it('acknowledges only rules listed in infra/constructs/nag.ts, each with a written reason', () => {
    const { app } = buildExchange({ nag: true });
    const listed = new Set<string>(
      Object.values(acknowledgements).map((a) => `${a.id}|${a.reason}`),
    );

    const recorded = recordedAcknowledgements(app);

    expect(recorded.length).toBeGreaterThan(0);
    for (const { id, reason } of recorded) {
      // A finding-level id (`Rule[Resource::…]`) counts when its rule is listed with this reason.
      const rule = id.replace(/\[.*\]$/, '');
      expect(listed.has(`${id}|${reason}`) || listed.has(`${rule}|${reason}`), id).toBe(true);
      expect(reason.length, id).toBeGreaterThanOrEqual(60);
    }
  });
});
