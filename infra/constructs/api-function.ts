import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { rateClassesOf, routes, type Access } from '../definitions/routes';
import { grantAccess } from './access';
import { acknowledge, acknowledgements } from './nag';
import type { ExchangeResources } from './resources';

/** Log levels the Powertools logger accepts through `LOG_LEVEL`. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Props of {@link ApiFunction}: what differs between our functions; everything else is fixed. */
export interface ApiFunctionProps {
  /** Handler module relative to `projectRoot`; it exports `handler`. */
  readonly entry: string;
  /** Directory holding `package-lock.json`; every entry must live under it. */
  readonly projectRoot: string;
  /** `POWERTOOLS_SERVICE_NAME`: the bounded context the handler belongs to. */
  readonly serviceName: string;
  readonly stage: string;
  /** Whether sandbox-only behaviour (the deposit faucet) is switched on. */
  readonly sandbox: boolean;
  /** What the handler may touch; becomes IAM grants and the env vars naming the resources. */
  readonly access: Access;
  readonly resources: ExchangeResources;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  readonly description?: string;
}

/**
 * ESM bundles still meet CommonJS dependencies that call `require` for Node built-ins; esbuild
 * cannot rewrite those, so the bundle defines a real `require` before any module code runs.
 */
const requireShim =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * The one way we build a Lambda function: Node.js 22 on ARM64, a minified ESM bundle with
 * source maps, active X-Ray tracing, 256 MB, an explicit log group with one month of retention,
 * and least-privilege grants derived from the route's declared {@link Access}. The AWS SDK v3
 * stays external (the runtime provides it), which keeps bundles small.
 *
 * The role is our own rather than one with `AWSLambdaBasicExecutionRole`: that managed policy
 * allows writing to every log group of the account, ours only to this function's.
 */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      role: this.role,
      entry: path.resolve(props.projectRoot, props.entry),
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      ...(props.description === undefined ? {} : { description: props.description }),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        banner: requireShim,
      },
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        LOG_LEVEL: props.logLevel ?? 'INFO',
        STAGE: props.stage,
        SANDBOX: String(props.sandbox),
        RATE_CLASSES: rateClassesOf(routes),
      },
    });
    const env = grantAccess(this.function, props.access, props.resources);
    for (const [name, value] of Object.entries(env)) this.function.addEnvironment(name, value);
    acknowledge(this.role, acknowledgements.xrayWildcard);
    acknowledge(this.function, acknowledgements.pinnedRuntime);
  }
}
