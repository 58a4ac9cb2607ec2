/**
 * Where a function's code is on disk. CDK stages each bundle as `cdk.out/asset.<hash>/`
 * and the template refers to it by S3 object key (`<hash>.zip`, sometimes inside Fn::Sub);
 * the asset manifest maps that key back to the staged directory. Inline code (Code.ZipFile)
 * is written to a content-addressed temp directory as `index.js`, the file name Lambda
 * gives inline Node.js code.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TemplateError } from './errors';
import { isRecord, type ResourceVisit } from './map-context';

/** The absolute directory holding the function's (unzipped) code. */
export function locateFunctionCode(r: ResourceVisit): string {
  const code = r.prop('Code');
  if (!isRecord(code)) throw new TemplateError(r.where, 'Code is required');
  if (typeof code.ZipFile === 'string') return materializeInline(code.ZipFile);

  // `aws:asset:path` is written when asset metadata is on (the CDK CLI's default).
  const metadata = r.resource.Metadata;
  if (metadata?.['aws:asset:property'] === 'Code' && typeof metadata['aws:asset:path'] === 'string') {
    const dir = path.resolve(r.stack.stack.assemblyDir, metadata['aws:asset:path']);
    if (isDirectory(dir)) return dir;
  }

  const key = code.S3Key;
  if (typeof key !== 'string') throw new TemplateError(r.where, 'Code has neither S3Key nor ZipFile');
  const fromManifest = r.stack.stack.fileAssetsByObjectKey.get(key) ?? r.stack.stack.fileAssetsByObjectKey.get(path.basename(key));
  const hash = path.basename(key).replace(/\.zip$/, '');
  const dir = fromManifest ?? path.join(r.stack.stack.assemblyDir, `asset.${hash}`);
  if (!isDirectory(dir)) {
    throw new TemplateError(
      r.where,
      `the function's code (S3Key ${key}) is not staged in cdk.out as a directory (looked for ${dir}); ` +
        'run `cdk synth` again',
    );
  }
  return dir;
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

function materializeInline(source: string): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), 'anxin-inline-code', hash);
  const file = path.join(dir, 'index.js');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, source);
  }
  return dir;
}
