import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** A cdk-nag finding we accept, with the reason a reviewer can check. */
export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

/**
 * Every cdk-nag (AwsSolutions) finding this app accepts, in one place with its reason. Each is
 * attached to the narrowest construct it concerns, never to a whole stack.
 */
export const acknowledgements = {
  xrayWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; it is ' +
      'the only wildcard statement of a function role (asserted in test/infra).',
  },
  pinnedRuntime: {
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 22 is pinned on purpose: bundles target node22 and the matching-service image ' +
      'runs node:22, so Lambda and Fargate share one runtime until both move together.',
  },
  passwordSymbols: {
    id: 'AwsSolutions-COG1',
    reason:
      'Password policy is 12+ characters with upper, lower and digits (identity.ts); symbols ' +
      'are not forced, following NIST SP 800-63B (length over composition rules).',
  },
  optionalMfa: {
    id: 'AwsSolutions-COG2',
    reason:
      'MFA is OPTIONAL (TOTP only) by product design; withdrawals and platform API keys ' +
      'demand a TOTP code in the application, so money never moves on a password alone.',
  },
  threatProtection: {
    id: 'AwsSolutions-COG8',
    reason:
      'Essentials feature plan: Cognito threat protection (Plus) is a per-MAU cost not ' +
      'required yet; login throttling and session revocation are enforced by the app.',
  },
  openWebSocketConnect: {
    id: 'AwsSolutions-APIG4',
    reason:
      'WebSocket routes are public by design: $connect takes an optional ?token= that the ' +
      'handler verifies exactly as the HTTP authorizer does (anonymous connections get public ' +
      'channels only, a bad token an error event and a close); $default checks the connection.',
  },
  webSocketConnectionsWildcard: {
    id: 'AwsSolutions-IAM5',
    reason:
      'Connection ids are chosen by API Gateway at connect time, so posting is granted on ' +
      '@connections/* of this one API and stage only (execute-api:ManageConnections).',
  },
  publicRoute: {
    id: 'AwsSolutions-APIG4',
    reason:
      'Public by design (routes.ts auth: public): health and the OpenAPI document answer ' +
      'without a caller identity and expose no user data.',
  },
  containerEnvironment: {
    id: 'AwsSolutions-ECS2',
    reason:
      'The environment holds only resource names, the queue URL and ports from construct ' +
      'references; the service has no secrets.',
  },
  ecrAuthWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'ecr:GetAuthorizationToken supports no resource-level permissions; image pulls ' +
      'themselves are scoped to the asset repository by CDK.',
  },
  checkpointObjects: {
    id: 'AwsSolutions-IAM5',
    reason:
      'Checkpoint archivers may only PutObject under checkpoints/ of the Object Lock bucket; ' +
      'object ARNs need the wildcard, and compliance-mode retention forbids overwrites.',
  },
  accessLogBucket: {
    id: 'AwsSolutions-S1',
    reason:
      'This bucket receives the server access logs of the audit buckets; logging it to ' +
      'itself would loop. It is versioned, SSL-only and closed to the public.',
  },
  failureDestinationQueue: {
    id: 'AwsSolutions-SQS3',
    reason:
      'The stream mappings’ on-failure destination: the end of the line for records Lambda gave ' +
      'up on. Nothing consumes it; its depth alarm pages the operators.',
  },
} as const satisfies Record<string, Acknowledgement>;

/** Records `acknowledgement` on `scope` (and so on everything below it). */
export function acknowledge(scope: IConstruct, acknowledgement: Acknowledgement): void {
  Validations.of(scope).acknowledge({ id: acknowledgement.id, reason: acknowledgement.reason });
}
