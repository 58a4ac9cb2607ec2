/**
 * Reads a cloud assembly (the cdk.out directory written by `cdk synth`): its stacks, their
 * templates, and where each stack's file assets (Lambda bundles) were staged.
 *
 * Only the manifest files are trusted for structure: manifest.json lists the artifacts, a
 * stack artifact names its template file, and an asset-manifest artifact (<Stack>.assets.json)
 * maps each asset hash to the staged directory and the S3 object key the template uses.
 * Nested assemblies (CDK `Stage`s, written as `assembly-<Stage>/`) are read recursively.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TemplateError } from './errors';
import type { CfnTemplate } from './template-types';

export interface StackArtifact {
  /** Artifact id in the manifest (for nested assemblies prefixed with the assembly id). */
  artifactId: string;
  /** The CloudFormation stack name (`AWS::StackName`). */
  stackName: string;
  /** Directory of the assembly that holds the stack (relative paths are relative to it). */
  assemblyDir: string;
  /** Id of the nested assembly (CDK Stage) the stack belongs to, if any. */
  nestedAssemblyId?: string;
  /** Stack tags as recorded in the manifest. */
  tags: Record<string, string>;
  template: CfnTemplate;
  /** File assets of this stack: S3 object key (`<hash>.zip`) → absolute staged directory. */
  fileAssetsByObjectKey: Map<string, string>;
}

interface ManifestArtifact {
  type: string;
  properties?: Record<string, unknown>;
  displayName?: string;
  dependencies?: string[];
}

interface Manifest {
  artifacts?: Record<string, ManifestArtifact>;
}

interface AssetManifest {
  files?: Record<
    string,
    {
      source?: { path?: string; packaging?: string };
      destinations?: Record<string, { objectKey?: string }>;
    }
  >;
}

function readJson<T>(file: string): T {
  if (!existsSync(file)) throw new TemplateError(file, 'file not found (has `cdk synth` run?)');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new TemplateError(file, `not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads every CloudFormation stack of the assembly at `cdkOutDir`, nested assemblies included. */
export function readCloudAssembly(cdkOutDir: string): StackArtifact[] {
  return readAssembly(path.resolve(cdkOutDir), undefined);
}

function readAssembly(dir: string, nestedAssemblyId: string | undefined): StackArtifact[] {
  const manifest = readJson<Manifest>(path.join(dir, 'manifest.json'));
  const artifacts = manifest.artifacts ?? {};
  const stacks: StackArtifact[] = [];
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (artifact.type === 'cdk:cloud-assembly') {
      const directoryName = String(artifact.properties?.directoryName ?? '');
      if (!directoryName) throw new TemplateError(`${dir}/manifest.json`, `nested assembly ${id} has no directoryName`);
      const nestedId = nestedAssemblyId ? `${nestedAssemblyId}/${id}` : id;
      stacks.push(...readAssembly(path.join(dir, directoryName), nestedId));
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const templateFile = artifact.properties?.templateFile;
    if (typeof templateFile !== 'string') {
      throw new TemplateError(`${dir}/manifest.json`, `stack artifact ${id} has no templateFile`);
    }
    const stackName = typeof artifact.properties?.stackName === 'string' ? artifact.properties.stackName : id;
    stacks.push({
      artifactId: nestedAssemblyId ? `${nestedAssemblyId}/${id}` : id,
      stackName,
      assemblyDir: dir,
      nestedAssemblyId,
      tags: readTags(artifact.properties?.tags),
      template: readJson<CfnTemplate>(path.join(dir, templateFile)),
      fileAssetsByObjectKey: readFileAssets(dir, artifact, artifacts),
    });
  }
  return stacks;
}

function readTags(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** Object key → staged asset directory, from the asset manifests the stack depends on. */
function readFileAssets(
  dir: string,
  stack: ManifestArtifact,
  artifacts: Record<string, ManifestArtifact>,
): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const depId of stack.dependencies ?? []) {
    const dep = artifacts[depId];
    if (dep?.type !== 'cdk:asset-manifest') continue;
    const file = dep.properties?.file;
    if (typeof file !== 'string') continue;
    const assetManifest = readJson<AssetManifest>(path.join(dir, file));
    for (const [hash, asset] of Object.entries(assetManifest.files ?? {})) {
      const sourcePath = asset.source?.path;
      if (!sourcePath) continue;
      const abs = path.resolve(dir, sourcePath);
      // The template refers to the asset by its destination object key; the bare hash and
      // `<hash>.zip` are registered too, for templates synthesized with other synthesizers.
      for (const destination of Object.values(asset.destinations ?? {})) {
        if (destination.objectKey) byKey.set(destination.objectKey, abs);
      }
      byKey.set(hash, abs);
      byKey.set(`${hash}.zip`, abs);
    }
  }
  return byKey;
}
