/**
 * The bundles of one stage of this repository, shared with the app's functions in this
 * process (functionBundlesFor). Needs no aws-cdk-lib, so a synthesis can start building
 * stale bundles (in esbuild's own process) while it is still loading the CDK.
 */
import { REPO_ROOT } from '../repo-root';
import { isStage, stageSourceMaps } from '../stages';
import { functionBundlesFor, type FunctionBundles } from './function-bundles';

export function stageBundles(stage: string, log?: (line: string) => void): FunctionBundles {
  if (!isStage(stage)) throw new Error(`Invalid stage ${JSON.stringify(stage)}`);
  return functionBundlesFor(REPO_ROOT, { sourceMaps: stageSourceMaps(stage) }, log);
}
