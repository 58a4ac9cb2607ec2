/**
 * Errors of the template reader. Both name the stack and logical id involved, because the
 * person reading them is looking at infra/ code and needs to find the construct.
 */

export interface UnsupportedResource {
  stackName: string;
  logicalId: string;
  type: string;
  /** Why the local platform cannot run it (absent: the resource type itself is unknown locally). */
  reason?: string;
}

/**
 * The template contains resources the local platform cannot run. Thrown once, listing every
 * such resource of every selected stack, so a user fixes them all in one pass instead of
 * discovering them one at a time.
 */
export class UnsupportedResourceError extends Error {
  readonly resources: readonly UnsupportedResource[];

  constructor(resources: readonly UnsupportedResource[]) {
    const lines = resources.map(
      (r) => `  - ${r.stackName}/${r.logicalId} (${r.type})${r.reason ? `: ${r.reason}` : ''}`,
    );
    super(
      `The local platform cannot run ${resources.length === 1 ? 'this resource' : 'these resources'} ` +
        `of the synthesized app:\n${lines.join('\n')}\n` +
        'Either keep them out of the stacks the local platform reads (stackNames), or teach ' +
        'local/template/ what their local counterpart is.',
    );
    this.name = 'UnsupportedResourceError';
    this.resources = resources;
  }
}

/** The template is well-typed locally but something in it cannot be resolved or is malformed. */
export class TemplateError extends Error {
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'TemplateError';
  }
}
