import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, CfnElement, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { addExchangeStacks } from '../../infra/constructs/exchange';
import type { ExchangeProps, ExchangeStacks } from '../../infra/constructs/exchange';
import { repositoryRoot } from '../../infra/constructs/paths';

/** The feature flags of cdk.json, so tests build exactly what `cdk synth` builds. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** Options of {@link buildExchange}: the app's props, minus what every test shares. */
export interface BuildOptions extends Partial<ExchangeProps> {
  /** Register cdk-nag's AwsSolutions pack as `infra/bin/app.ts` does. */
  readonly nag?: boolean;
}

/**
 * Builds the exchange app as `infra/bin/app.ts` does, with bundling skipped
 * (`aws:cdk:bundling-stacks: []`: no esbuild run, no Docker) and asset staging off, so a test
 * file synthesizes all three stacks in about a second.
 */
export function buildExchange(options: BuildOptions = {}): { app: App; stacks: ExchangeStacks } {
  const { nag = false, ...props } = options;
  const app = new App({
    context: {
      ...cdkJsonContext(),
      'aws:cdk:bundling-stacks': [],
      'aws:cdk:disable-asset-staging': true,
    },
  });
  const stacks = addExchangeStacks(app, {
    stage: 'test',
    sandbox: false,
    corsOrigins: [],
    ...props,
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}

/** The three templates of one synthesized app. */
export interface ExchangeTemplates {
  readonly stateful: Template;
  readonly api: Template;
  readonly matching: Template;
}

/**
 * One template of a stack and every stack nested in it (resources, parameters and outputs
 * merged; logical ids are those each stack gives its own elements), so assertions about the
 * API see the route functions that live in its per-context nested stacks.
 */
export function withNestedStacks(stack: Stack): Template {
  const merged = Template.fromStack(stack).toJSON() as Record<string, Record<string, unknown>>;
  for (const child of stack.node.findAll()) {
    if (!NestedStack.isNestedStack(child) || child === stack) continue;
    const nested = Template.fromStack(child).toJSON() as Record<string, Record<string, unknown>>;
    for (const section of ['Resources', 'Parameters', 'Outputs', 'Conditions']) {
      merged[section] = { ...(merged[section] ?? {}), ...(nested[section] ?? {}) };
    }
  }
  return Template.fromJSON(merged);
}

export function templatesOf(stacks: ExchangeStacks): ExchangeTemplates {
  return {
    stateful: Template.fromStack(stacks.stateful),
    api: withNestedStacks(stacks.api),
    matching: Template.fromStack(stacks.matching),
  };
}

/** The logical id CloudFormation sees for a construct (or its default child). */
export function logicalIdOf(construct: IConstruct): string {
  const element = CfnElement.isCfnElement(construct)
    ? construct
    : (construct.node.defaultChild as CfnElement);
  return Stack.of(element).resolve(element.logicalId) as string;
}

/** An IAM policy statement as it appears in a template. */
export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every statement of every AWS::IAM::Policy attached to the role with this logical id. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) =>
      (policy['Properties'].Roles as unknown[]).some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }),
      ),
    )
    .flatMap((policy) => policy['Properties'].PolicyDocument.Statement as Statement[]);
}

/** Every action of a statement list, flattened. */
export function actionsOf(statements: readonly Statement[]): string[] {
  return statements.flatMap((s) => asList(s.Action));
}

/** Every statement of every IAM policy and inline role policy in a template. */
export function allStatements(template: Template): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => p['Properties'].PolicyDocument.Statement as Statement[],
  );
  const inline = Object.values(template.findResources('AWS::IAM::Role')).flatMap((role) =>
    (
      (role['Properties'].Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]
    ).flatMap((p) => p.PolicyDocument.Statement),
  );
  return [...policies, ...inline];
}

/** Environment variables of a Lambda function resource, by the function's logical id. */
export function lambdaEnvironment(
  template: Template,
  functionLogicalId: string,
): Record<string, unknown> {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId];
  return (fn?.['Properties'].Environment?.Variables ?? {}) as Record<string, unknown>;
}
