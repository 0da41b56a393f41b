import { Tags } from 'aws-cdk-lib';
import type { App, Environment } from 'aws-cdk-lib';
import type { Access, RouteBinding } from '../definitions/routes';
import { ApiStack } from '../stacks/api-stack';
import { AuditStack } from '../stacks/audit-stack';
import { routeConstructId } from './route-names';
import { MatchingStack } from '../stacks/matching-stack';
import { StatefulStack } from '../stacks/stateful-stack';
import { StreamsStack } from '../stacks/streams-stack';
import { repositoryRoot } from './paths';

/** Everything that varies between deployments of the exchange; read by `infra/bin/app.ts`. */
export interface ExchangeProps {
  readonly stage: string;
  /** Sandbox stacks switch on the deposit faucet. */
  readonly sandbox: boolean;
  readonly corsOrigins: readonly string[];
  /** Sender of the platform's own mail (SES-verified). @default 'no-reply@example.com' */
  readonly mailFrom?: string;
  /** Subscribed by e-mail to the stage's alarm topic. @default no subscription */
  readonly alarmEmail?: string;
  /** Absent: environment-agnostic stacks (offline synth). */
  readonly env?: Environment;
  /** Test seams; default to the definitions and the repository. */
  readonly routes?: readonly RouteBinding[];
  readonly authorizer?: { readonly entry: string; readonly access: Access };
  readonly functionsRoot?: string;
}

/** The five stacks of one stage, wired by construct reference. */
export interface ExchangeStacks {
  readonly stateful: StatefulStack;
  readonly audit: AuditStack;
  readonly api: ApiStack;
  readonly streams: StreamsStack;
  readonly matching: MatchingStack;
}

const stagePattern = /^[a-z][a-z0-9-]{0,15}$/;

/**
 * Adds one stage of the exchange to `app`: the stateful stack (tables, queues, keys, user
 * pool), the audit evidence, the HTTP API, the WebSocket streams and the matching service. Stack names carry the stage so stages can share an
 * account; resources themselves have no physical names.
 */
export function addExchangeStacks(app: App, props: ExchangeProps): ExchangeStacks {
  if (!stagePattern.test(props.stage)) {
    throw new Error(`stage "${props.stage}" must match ${String(stagePattern)}`);
  }
  const prefix = `Exchange-${props.stage}`;
  const env = props.env === undefined ? {} : { env: props.env };
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    ...env,
    stage: props.stage,
    mailFrom: props.mailFrom ?? 'no-reply@example.com',
    ...(props.alarmEmail === undefined ? {} : { alarmEmail: props.alarmEmail }),
    terminationProtection: true,
    description: 'Exchange data and identity: tables, queues, keys, user pool',
  });
  const resources = stateful.resources;
  const audit = new AuditStack(app, `${prefix}-Audit`, {
    ...env,
    resources,
    stage: props.stage,
    sandbox: props.sandbox,
    description: 'Exchange audit evidence: CloudTrail, Object Lock buckets, signed checkpoints',
    ...(props.functionsRoot === undefined ? {} : { projectRoot: props.functionsRoot }),
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    ...env,
    resources,
    stage: props.stage,
    sandbox: props.sandbox,
    corsOrigins: props.corsOrigins,
    description: 'Exchange HTTP API and its Lambda functions',
    ...(props.routes === undefined ? {} : { routes: props.routes }),
    ...(props.authorizer === undefined ? {} : { authorizer: props.authorizer }),
    ...(props.functionsRoot === undefined ? {} : { projectRoot: props.functionsRoot }),
  });
  const onDemandCheckpoint = api.functions.get(
    routeConstructId({ method: 'POST', path: '/api/audit/checkpoints' }),
  );
  if (onDemandCheckpoint !== undefined) {
    audit.trail.grantCheckpointArchive(onDemandCheckpoint.function);
  }
  const streams = new StreamsStack(app, `${prefix}-Streams`, {
    ...env,
    description: 'Exchange WebSocket API, stream handlers and the DynamoDB stream fan-out',
    functions: {
      projectRoot: props.functionsRoot ?? repositoryRoot,
      stage: props.stage,
      sandbox: props.sandbox,
      resources,
    },
  });
  const matching = new MatchingStack(app, `${prefix}-Matching`, {
    ...env,
    resources,
    stage: props.stage,
    description: 'Exchange matching service on Fargate',
  });
  Tags.of(app).add('project', 'exchange');
  Tags.of(app).add('stage', props.stage);
  return { stateful, audit, api, streams, matching };
}
