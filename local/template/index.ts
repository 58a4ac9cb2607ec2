/** Reads the synthesized CDK app (cdk.out) into the local platform's Topology. */
export { readTopology, type ReadTopologyOptions } from './read-topology';
export { UnsupportedResourceError, TemplateError, type UnsupportedResource } from './errors';
export { IGNORED_TYPES, MAPPED_TYPES } from './resource-types';
