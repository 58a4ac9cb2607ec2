/**
 * AWS::ApiGatewayV2::{Api,Stage,Route,Integration,Authorizer} → LocalHttpApi.
 *
 * The pieces are separate resources linked by ids: a route's Target is
 * `integrations/<integration id>`, its AuthorizerId the authorizer's id, every piece has
 * the ApiId; an integration's IntegrationUri and an authorizer's AuthorizerUri lead to the
 * function. Ids are resolved with the same Ref values used everywhere else, then matched.
 */
import type { LocalAuthorizer, LocalHttpApi, LocalRoute } from '../topology';
import { TemplateError } from './errors';
import type { FunctionIndex } from './function-index';
import { asBoolean, asNumber, eachResource, isRecord, unsupported, type MapContext, type ResourceVisit } from './map-context';

interface Piece<T> {
  apiId: string;
  id: string;
  value: T;
}

type PayloadVersion = '1.0' | '2.0';

function payloadVersion(r: ResourceVisit, property: string): PayloadVersion {
  const version = r.prop(property);
  if (version === '1.0' || version === '2.0') return version;
  // Required by API Gateway for Lambda integrations/authorizers: deployment would fail too.
  throw new TemplateError(r.where, `${property} must be "1.0" or "2.0" (got ${JSON.stringify(version)})`);
}

const idOf = (r: ResourceVisit) => String(r.stack.ref(r.logicalId, r.where));
const apiIdOf = (r: ResourceVisit) => String(r.prop('ApiId'));

export function mapHttpApis(ctx: MapContext, functions: FunctionIndex): LocalHttpApi[] {
  const integrations = eachResource(ctx, 'AWS::ApiGatewayV2::Integration', (r): Piece<{ logicalId: string; functionLogicalId: string; payload: PayloadVersion }> | undefined => {
    const fn = functions.find(r.prop('IntegrationUri'));
    if (r.prop('IntegrationType') !== 'AWS_PROXY' || !fn) {
      return unsupported(ctx, r, `only Lambda proxy integrations run locally (IntegrationType ${String(r.prop('IntegrationType'))}, IntegrationUri ${String(r.prop('IntegrationUri'))})`);
    }
    return { apiId: apiIdOf(r), id: idOf(r), value: { logicalId: r.logicalId, functionLogicalId: fn.logicalId, payload: payloadVersion(r, 'PayloadFormatVersion') } };
  });

  const authorizers = eachResource(ctx, 'AWS::ApiGatewayV2::Authorizer', (r): Piece<LocalAuthorizer> | undefined => {
    if (r.prop('AuthorizerType') !== 'REQUEST') {
      return unsupported(ctx, r, `only Lambda (REQUEST) authorizers run locally (AuthorizerType ${String(r.prop('AuthorizerType'))})`);
    }
    const fn = functions.find(r.prop('AuthorizerUri'));
    if (!fn) throw new TemplateError(r.where, `AuthorizerUri ${String(r.prop('AuthorizerUri'))} is not a function of the selected stacks`);
    const identitySource = r.prop('IdentitySource');
    const id = idOf(r);
    return {
      apiId: apiIdOf(r),
      id,
      value: {
        logicalId: r.logicalId,
        authorizerId: id,
        functionLogicalId: fn.logicalId,
        identitySource: Array.isArray(identitySource) ? identitySource.map(String) : [],
        resultTtlSeconds: asNumber(r.prop('AuthorizerResultTtlInSeconds'), 0),
        enableSimpleResponses: asBoolean(r.prop('EnableSimpleResponses'), false),
        payloadFormatVersion: payloadVersion(r, 'AuthorizerPayloadFormatVersion'),
      },
    };
  });

  const routes = eachResource(ctx, 'AWS::ApiGatewayV2::Route', (r): Piece<LocalRoute> | undefined => {
    const target = r.prop('Target');
    // A route without a target answers 404 in API Gateway; locally it is simply absent.
    if (target === undefined) return undefined;
    const integrationId = typeof target === 'string' ? /^integrations\/(.+)$/.exec(target)?.[1] : undefined;
    const integration = integrations.find((i) => i.id === integrationId);
    if (!integration) throw new TemplateError(r.where, `Target ${String(target)} is not an integration of the selected stacks`);
    const route: LocalRoute = {
      logicalId: r.logicalId,
      routeKey: String(r.prop('RouteKey')),
      functionLogicalId: integration.value.functionLogicalId,
      payloadFormatVersion: integration.value.payload,
      authorizationType: (r.prop('AuthorizationType') ?? 'NONE') as LocalRoute['authorizationType'],
    };
    const authorizerId = r.prop('AuthorizerId');
    if (authorizerId !== undefined) {
      const authorizer = authorizers.find((a) => a.id === authorizerId);
      if (!authorizer) throw new TemplateError(r.where, `AuthorizerId ${String(authorizerId)} is not an authorizer of the selected stacks`);
      route.authorizerLogicalId = authorizer.value.logicalId;
    }
    return { apiId: apiIdOf(r), id: idOf(r), value: route };
  });

  const stages = eachResource(ctx, 'AWS::ApiGatewayV2::Stage', (r) => ({ apiId: apiIdOf(r), stageName: String(r.prop('StageName')) }));

  return eachResource(ctx, 'AWS::ApiGatewayV2::Api', (r): LocalHttpApi | undefined => {
    if ((r.prop('ProtocolType') ?? 'HTTP') !== 'HTTP') {
      return unsupported(ctx, r, `only HTTP APIs run locally (ProtocolType ${String(r.prop('ProtocolType'))})`);
    }
    if (r.prop('Body') !== undefined || r.prop('BodyS3Location') !== undefined || r.prop('Target') !== undefined) {
      return unsupported(ctx, r, 'APIs defined by an OpenAPI body or quick-create Target are not read locally; define routes as resources');
    }
    const apiId = idOf(r);
    const apiStages = stages.filter((s) => s.apiId === apiId).map((s) => s.stageName);
    const cors = r.prop('CorsConfiguration');
    const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
    return {
      logicalId: r.logicalId,
      apiId,
      ...(isRecord(cors)
        ? {
            cors: {
              allowOrigins: strings(cors.AllowOrigins),
              allowMethods: strings(cors.AllowMethods),
              allowHeaders: strings(cors.AllowHeaders),
              exposeHeaders: strings(cors.ExposeHeaders),
              ...(cors.MaxAge !== undefined ? { maxAgeSeconds: Number(cors.MaxAge) } : {}),
              allowCredentials: cors.AllowCredentials === true || cors.AllowCredentials === 'true',
            },
          }
        : {}),
      // The front end serves one stage; `$default` is the one served without a path prefix.
      stageName: apiStages.includes('$default') ? '$default' : (apiStages[0] ?? '$default'),
      routes: routes.filter((p) => p.apiId === apiId).map((p) => p.value),
      authorizers: authorizers.filter((p) => p.apiId === apiId).map((p) => p.value),
    };
  });
}
