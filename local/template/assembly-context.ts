/**
 * One StackContext per stack of the assembly, wired so that Fn::ImportValue in one stack
 * resolves by evaluating the exporting stack's Output — the way CloudFormation passes
 * values between the stateful and the API stack. Every stack of the assembly can export,
 * including stacks the caller did not select to run.
 */
import type { StackArtifact } from './cloud-assembly';
import { TemplateError } from './errors';
import { StackContext } from './intrinsics';
import type { LocalEnv } from './local-env';

export class AssemblyContext {
  readonly stacks: StackContext[];
  private exportIndex?: Map<string, { stack: StackContext; outputKey: string }>;
  private readonly resolvingExports = new Set<string>();

  constructor(artifacts: StackArtifact[], env: LocalEnv, parameters: Record<string, string> = {}) {
    this.stacks = artifacts.map(
      (artifact) => new StackContext(artifact, env, (name, where) => this.importValue(name, where), parameters),
    );
  }

  private importValue(name: string, where: string): unknown {
    const entry = this.exports().get(name);
    if (!entry) {
      throw new TemplateError(where, `Fn::ImportValue ${name}: no stack in the assembly exports it`);
    }
    if (this.resolvingExports.has(name)) throw new TemplateError(where, `circular export ${name}`);
    this.resolvingExports.add(name);
    try {
      const output = entry.stack.stack.template.Outputs![entry.outputKey]!;
      return entry.stack.resolve(output.Value, `${entry.stack.stackName} Outputs.${entry.outputKey}`);
    } finally {
      this.resolvingExports.delete(name);
    }
  }

  /** Export name → exporting output. Built on first use (export names may use intrinsics). */
  private exports(): Map<string, { stack: StackContext; outputKey: string }> {
    if (this.exportIndex) return this.exportIndex;
    const index = new Map<string, { stack: StackContext; outputKey: string }>();
    for (const stack of this.stacks) {
      for (const [outputKey, output] of Object.entries(stack.stack.template.Outputs ?? {})) {
        if (!output.Export) continue;
        const where = `${stack.stackName} Outputs.${outputKey}`;
        if (output.Condition && !stack.condition(output.Condition, where)) continue;
        const name = stack.resolve(output.Export.Name, `${where}.Export.Name`);
        if (typeof name !== 'string') throw new TemplateError(where, 'Export.Name must resolve to a string');
        const clash = index.get(name);
        if (clash) {
          throw new TemplateError(where, `export ${name} is also exported by ${clash.stack.stackName}`);
        }
        index.set(name, { stack, outputKey });
      }
    }
    this.exportIndex = index;
    return index;
  }
}
