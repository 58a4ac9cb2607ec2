/**
 * Routes of the HTTP API from a table of RouteDefinitions: one AnxinFunction per route id
 * (routes with the same id share it) with the environment and grants its definition
 * declares (function-access.ts), a Lambda proxy integration (payload 2.0) and the route,
 * behind the API's Lambda authorizer unless the route is public.
 *
 * Used by the API stack for its own routes and by the programme stack for its routes on
 * the same API: the functions, integrations, routes and invoke permissions are created in
 * the stack that calls this, and only the API's id and the authorizer's id are imported.
 * That is what lets routes live in another stack when one stack nears CloudFormation's
 * 500-resource limit (docs/architecture.md "Three stacks").
 */
import { Validations, type Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as events from 'aws-cdk-lib/aws-events';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Construct } from 'constructs';
import { PUBLIC_ROUTE } from '../nag';
import { AnxinFunction } from './anxin-function';
import { accessEnvironment, grantAccess, type AccessResources, type FunctionAccess } from './function-access';
import type { TableAccess } from './table-access';

export interface RouteDefinition extends FunctionAccess {
  /** Construct id of the function, e.g. `OrdersCreate`; also its POWERTOOLS_SERVICE_NAME (kebab-cased). */
  readonly id: string;
  readonly method: apigwv2.HttpMethod;
  readonly path: string;
  /** Entry file relative to the repository root. */
  readonly entry: string;
  /** Table access: query functions read, command functions read and write. */
  readonly table: TableAccess;
  /**
   * No API key: the body carries its own credential (a one-time rating token) or the data
   * is public by design. Stage throttling still applies.
   */
  readonly public?: boolean;
  /**
   * The function's timeout when a route does more than a request's usual work (the default
   * is AnxinFunction's). At most 29 s: the HTTP API gives up on an integration after 30 s whatever the function does.
   */
  readonly timeout?: Duration;
}

export interface HttpRoutesProps extends AccessResources {
  readonly httpApi: apigwv2.IHttpApi;
  /** The API's Lambda authorizer (ApiStack.authorizer), for every route not marked public. */
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
  readonly routes: readonly RouteDefinition[];
  /**
   * Parent of the route resources. The API stack passes the API itself (where
   * `httpApi.addRoutes` puts them, so its logical ids never change); another stack passes
   * one of its own constructs.
   */
  readonly routeScope: Construct;
  /** The domain event bus, for routes that publish events. */
  readonly eventBus?: events.IEventBus;
}

export function kebab(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Adds the routes; returns their functions by route id. Functions are created directly in `scope`. */
export function addHttpRoutes(scope: Construct, props: HttpRoutesProps): Record<string, AnxinFunction> {
  const { config, httpApi, authorizer, routeScope } = props;
  const functions: Record<string, AnxinFunction> = {};
  const functionFor = (route: RouteDefinition): AnxinFunction => {
    const existing = functions[route.id];
    if (existing) return existing;
    const fn = new AnxinFunction(scope, route.id, {
      config,
      entry: route.entry,
      serviceName: kebab(route.id),
      environment: accessEnvironment(props, route),
      ...(route.timeout ? { timeout: route.timeout } : {}),
    });
    grantAccess(fn, props, route, props.eventBus);
    functions[route.id] = fn;
    return fn;
  };
  const noAuth = new apigwv2.HttpNoneAuthorizer();
  for (const route of props.routes) {
    const fn = functionFor(route);
    const integrationId = `${route.id}${route.method}${route.path.replace(/[^A-Za-z0-9]/g, '')}Integration`;
    // The id `httpApi.addRoutes` gives a route.
    const added = new apigwv2.HttpRoute(routeScope, `${route.method}${route.path}`, {
      httpApi,
      routeKey: apigwv2.HttpRouteKey.with(route.path, route.method),
      authorizer: route.public ? noAuth : authorizer,
      integration: new HttpLambdaIntegration(integrationId, fn, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 }),
    });
    if (route.public) Validations.of(added).acknowledge(PUBLIC_ROUTE);
  }
  return functions;
}
