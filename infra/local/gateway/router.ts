import type { RouteBinding } from '../../definitions/routes';

export interface RouteMatch {
  readonly binding: RouteBinding;
  readonly params: Record<string, string>;
  readonly routeKey: string;
}

interface CompiledRoute {
  readonly binding: RouteBinding;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  /** Literal routes win over parameterised ones, as in API Gateway. */
  readonly literalSegments: number;
}

function compile(binding: RouteBinding): CompiledRoute {
  const names: string[] = [];
  const segments = binding.path.split('/').filter(Boolean);
  const source = segments
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
      if (param?.[1]) {
        names.push(param[1]);
        return '/([^/]+)';
      }
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    })
    .join('');
  return {
    binding,
    pattern: new RegExp(`^${source}/?$`),
    names,
    literalSegments: segments.length - names.length,
  };
}

/**
 * A path segment percent-decoded, or as sent when it is not valid percent-encoding (`%E0%A4%A`):
 * the handler's schema then refuses it with a 400, where `decodeURIComponent` would throw.
 */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Matches a request to the route table the way API Gateway HTTP APIs do: by method and path
 * template, most specific first. No match (including a known path with another method) is a 404.
 */
export function createRouter(bindings: readonly RouteBinding[]) {
  const compiled = bindings.map(compile).sort((a, b) => b.literalSegments - a.literalSegments);
  return (method: string, path: string): RouteMatch | undefined => {
    for (const route of compiled) {
      if (route.binding.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeSegment(found[index + 1] ?? '');
      });
      return { binding: route.binding, params, routeKey: `${method} ${route.binding.path}` };
    }
    return undefined;
  };
}
