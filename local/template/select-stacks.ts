/**
 * Which stacks of the assembly the local platform runs: the ones named, else the ones of
 * the requested stage, else all. The app names stacks `Anxin-<stage>-<kind>`; a stage is
 * matched as a whole word of the stack name (or of the nested assembly id, or a `stage`
 * tag), so `dev` never matches `devices`.
 */
import type { StackArtifact } from './cloud-assembly';
import { TemplateError } from './errors';

export function selectStacks(
  stacks: StackArtifact[],
  opts: { stackNames?: string[]; stage?: string },
  cdkOutDir: string,
): StackArtifact[] {
  const available = () => stacks.map((s) => s.stackName).join(', ') || '(none)';
  if (opts.stackNames && opts.stackNames.length > 0) {
    return opts.stackNames.map((name) => {
      const stack = stacks.find((s) => s.stackName === name || s.artifactId === name);
      if (!stack) throw new TemplateError(cdkOutDir, `no stack named ${name} (stacks: ${available()})`);
      return stack;
    });
  }
  if (opts.stage) {
    const stage = opts.stage.toLowerCase();
    const selected = stacks.filter(
      (s) =>
        words(s.stackName).includes(stage) ||
        (s.nestedAssemblyId !== undefined && words(s.nestedAssemblyId).includes(stage)) ||
        Object.entries(s.tags).some(([k, v]) => k.toLowerCase() === 'stage' && v.toLowerCase() === stage),
    );
    if (selected.length === 0) {
      throw new TemplateError(cdkOutDir, `no stack of stage ${opts.stage} (stacks: ${available()}); was it synthesized with -c stage=${opts.stage}?`);
    }
    return selected;
  }
  if (stacks.length === 0) throw new TemplateError(cdkOutDir, 'the cloud assembly has no stacks');
  return stacks;
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}
