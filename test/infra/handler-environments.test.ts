import { afterEach, describe, expect, it, vi } from 'vitest';
import { routeConstructId } from '../../infra/constructs/route-names';
import { routes } from '../../infra/definitions/routes';
import { buildExchange, lambdaEnvironment, logicalIdOf, templatesOf } from './support';

const { stacks } = buildExchange();
const template = templatesOf(stacks).api;
const repoRoot = new URL('../../', import.meta.url);

/** A route function's deployed environment; CloudFormation tokens stand in as plain text. */
function deployedEnvironment(route: (typeof routes)[number]): Record<string, string> {
  const fn = stacks.api.functions.get(routeConstructId(route));
  if (fn === undefined) throw new Error(`no function for ${route.method} ${route.path}`);
  const variables = lambdaEnvironment(template, logicalIdOf(fn.function));
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `deployed-${name.toLowerCase()}`,
    ]),
  );
}

/** Only what the function is given: the process's own configuration is cleared first. */
function stubOnly(env: Record<string, string>): void {
  for (const name of Object.keys(process.env)) {
    if (/^[A-Z][A-Z0-9_]*$/.test(name) && !name.startsWith('AWS_') && name !== 'NODE_OPTIONS') {
      vi.stubEnv(name, undefined);
    }
  }
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('route functions as deployed', () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s loads with the environment its function is given',
    async (_, route) => {
      stubOnly(deployedEnvironment(route));

      const module = (await import(new URL(route.entry, repoRoot).href)) as { handler?: unknown };

      expect(typeof module.handler).toBe('function');
    },
    30_000,
  );
});
