import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addExchangeStacks } from '../constructs/exchange';

/**
 * The CDK app. The only place that reads context and environment:
 * - `-c stage=<name>` (default `dev`) names the stacks;
 * - `-c sandbox=true` switches on the deposit faucet (off unless asked for);
 * - `-c corsOrigins=https://a.example,https://b.example` allows browser origins (default none);
 * - `-c mailFrom=no-reply@mail.example.com` is the SES-verified sender of the platform's mail;
 * - `-c alarmEmail=oncall@example.com` subscribes that address to the stage's alarm topic;
 * - account and region come from the CLI's `CDK_DEFAULT_ACCOUNT`/`CDK_DEFAULT_REGION`; without
 *   credentials the stacks stay environment-agnostic, so `cdk synth` works offline.
 */
const app = new App();

const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === null ? undefined : String(value);
};

const account = process.env['CDK_DEFAULT_ACCOUNT'];
const region = process.env['CDK_DEFAULT_REGION'];

addExchangeStacks(app, {
  stage: context('stage') ?? 'dev',
  sandbox: context('sandbox') === 'true',
  corsOrigins: (context('corsOrigins') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0),
  ...(context('mailFrom') === undefined ? {} : { mailFrom: context('mailFrom')! }),
  ...(context('alarmEmail') === undefined ? {} : { alarmEmail: context('alarmEmail')! }),
  ...(account !== undefined && region !== undefined ? { env: { account, region } } : {}),
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
