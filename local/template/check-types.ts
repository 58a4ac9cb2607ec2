/**
 * First pass over the selected stacks: every resource must be of a type the local platform
 * maps or deliberately ignores. Done before any intrinsic is resolved, so an unknown type is
 * reported as such rather than as a confusing resolution error.
 */
import type { UnsupportedResource } from './errors';
import type { StackContext } from './intrinsics';
import { IGNORED_SNS_PROTOCOLS, IGNORED_TYPES, MAPPED_TYPES } from './resource-types';

export function findUnsupportedTypes(stacks: StackContext[]): UnsupportedResource[] {
  const found: UnsupportedResource[] = [];
  for (const stack of stacks) {
    for (const [logicalId, resource] of stack.resources()) {
      if (!stack.isActive(logicalId)) continue;
      const type = resource.Type;
      if (MAPPED_TYPES.has(type)) continue;
      if (type === 'AWS::SNS::Subscription') {
        const protocol = String(resource.Properties?.Protocol ?? '');
        if (!IGNORED_SNS_PROTOCOLS.has(protocol)) {
          found.push({ stackName: stack.stackName, logicalId, type, reason: `SNS delivery to ${protocol} is application behaviour with no local counterpart` });
        }
        continue;
      }
      if (IGNORED_TYPES.has(type)) continue;
      found.push({ stackName: stack.stackName, logicalId, type });
    }
  }
  return found;
}
