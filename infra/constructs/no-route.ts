/**
 * The HTTP API's `$default` route: API Gateway sends it whatever no other route matches,
 * and its function answers a problem+json 404 (functions/http/no-route.ts), so that no
 * answer of the API is API Gateway's bare `{"message":"Not Found"}`. Without the
 * authorizer (NO_ROUTE in infra/nag.ts says why); the function gets no environment beyond
 * the defaults and no grant.
 */
import { Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { NO_ROUTE } from '../nag';
import { AnxinFunction } from './anxin-function';

export const NO_ROUTE_ENTRY = 'functions/http/no-route.ts';

export class NoRoute extends Construct {
  readonly fn: AnxinFunction;

  constructor(scope: Construct, id: string, props: { config: StageConfig; httpApi: apigwv2.IHttpApi }) {
    super(scope, id);
    this.fn = new AnxinFunction(this, 'Function', { config: props.config, entry: NO_ROUTE_ENTRY, serviceName: 'no-route' });
    const route = new apigwv2.HttpRoute(this, 'Route', {
      httpApi: props.httpApi,
      routeKey: apigwv2.HttpRouteKey.DEFAULT,
      authorizer: new apigwv2.HttpNoneAuthorizer(),
      integration: new HttpLambdaIntegration('Integration', this.fn, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 }),
    });
    Validations.of(route).acknowledge(NO_ROUTE);
  }
}
