/**
 * HTTP API route selection. AWS picks the most specific match: a full (literal) match
 * beats a path variable, a path variable beats a greedy `{proxy+}`, a route's own method
 * beats ANY, and `$default` catches whatever is left. Matching is per path segment,
 * case-sensitive, with no trailing-slash leniency (unlike REST APIs).
 */
import type { LocalRoute } from '../topology';

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

// Lower is more specific; compared segment by segment, left to right.
const RANK = { literal: 0, param: 1, greedy: 2 } as const;

interface CompiledRoute {
  route: LocalRoute;
  method: string;
  segments: Segment[];
}

export interface RouteMatch {
  route: LocalRoute;
  /** Absent when the route has no path variables, as in AWS's events. */
  pathParameters?: Record<string, string>;
}

export class RouteTable {
  private readonly routes: CompiledRoute[];
  private readonly fallback?: LocalRoute;

  constructor(routes: LocalRoute[]) {
    this.routes = routes.filter((r) => r.routeKey !== '$default').map(compile);
    this.fallback = routes.find((r) => r.routeKey === '$default');
  }

  /** `path` is the decoded request path without the stage prefix, starting with "/". */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = splitPath(path);
    let best: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
    for (const compiled of this.routes) {
      if (compiled.method !== 'ANY' && compiled.method !== method) continue;
      const params = matchSegments(compiled.segments, parts);
      if (params && (!best || moreSpecific(compiled, best.compiled))) best = { compiled, params };
    }
    if (best) {
      const hasParams = Object.keys(best.params).length > 0;
      return { route: best.compiled.route, ...(hasParams ? { pathParameters: best.params } : {}) };
    }
    return this.fallback ? { route: this.fallback } : undefined;
  }
}

function compile(route: LocalRoute): CompiledRoute {
  const match = /^([A-Z]+) (\/.*)$/.exec(route.routeKey);
  if (!match) throw new Error(`route ${route.logicalId}: cannot read route key "${route.routeKey}"`);
  const segments = splitPath(match[2]!).map((part, i, all): Segment => {
    const variable = /^\{([^{}]+?)(\+?)\}$/.exec(part);
    if (!variable) return { kind: 'literal', value: part };
    if (!variable[2]) return { kind: 'param', name: variable[1]! };
    if (i !== all.length - 1) throw new Error(`route ${route.routeKey}: a greedy variable must be the last segment`);
    return { kind: 'greedy', name: variable[1]! };
  });
  return { route, method: match[1]!, segments };
}

/** "/" → [], "/a/b" → ["a","b"], "/a/" → ["a",""] (a trailing slash is a segment of its own). */
function splitPath(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === 'greedy') {
      // Catches every child resource (one or more segments), never the parent itself.
      if (parts.length <= i) return undefined;
      params[segment.name] = parts.slice(i).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (part !== segment.value) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.name] = part;
    }
  }
  return parts.length === segments.length ? params : undefined;
}

function moreSpecific(a: CompiledRoute, b: CompiledRoute): boolean {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const diff = RANK[a.segments[i]!.kind] - RANK[b.segments[i]!.kind];
    if (diff !== 0) return diff < 0;
  }
  // Same shape: the route's own method beats ANY.
  return a.method !== 'ANY' && b.method === 'ANY';
}
