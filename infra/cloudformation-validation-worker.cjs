/**
 * The worker thread of infra/cloudformation-validation.ts: runs aws-cdk-lib's own
 * `CloudFormationValidatePlugin` on the templates the app's main thread sends, and answers
 * on the port each request carries.
 *
 * Plain CommonJS, not TypeScript: the worker starts with no loader (`execArgv: []`), so it
 * costs neither tsx's start in `cdk synth` nor anything under vitest, whose threads have no
 * TypeScript loader a worker could inherit.
 *
 * Protocol (workerData: { signal: SharedArrayBuffer, resourceTypes: string[], readyPort }):
 * - once the engine is built: { version } on readyPort;
 * - for each { stackTemplates, port }: { report, engineReused } or { error } on port.
 * After each answer the Int32 at signal[0] is incremented and notified, which is what the
 * main thread waits on while its validate() must return synchronously.
 */
'use strict';
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const { CloudFormationValidatePlugin } = require('aws-cdk-lib');

const signal = new Int32Array(workerData.signal);

function answer(port, message) {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function errorText(error) {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The plugin's engine: private to the CDK, read only to tell whether the early one served. */
function engineOf(plugin) {
  return plugin.engine;
}

const plugin = new CloudFormationValidatePlugin();
let buildError;
try {
  // The plugin builds its engine for the resource types of the templates it is given, and keeps
  // it for templates whose types are among them: a template with one empty resource of each
  // type builds the engine the app's templates will use. Its findings are not looked at.
  const dir = mkdtempSync(join(tmpdir(), 'anxin-validation-'));
  try {
    const templatePath = join(dir, 'resource-types.template.json');
    const resources = Object.fromEntries(workerData.resourceTypes.map((type, i) => [`Resource${i}`, { Type: type, Properties: {} }]));
    writeFileSync(templatePath, JSON.stringify({ Resources: resources }));
    plugin.validate({ templatePaths: [templatePath], stackTemplates: [{ stackConstructPath: 'ResourceTypes', templatePath }] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  answer(workerData.readyPort, { version: plugin.version });
} catch (error) {
  buildError = errorText(error);
  answer(workerData.readyPort, { error: buildError });
}

parentPort.on('message', ({ stackTemplates, port }) => {
  if (buildError) return answer(port, { error: buildError });
  try {
    const early = engineOf(plugin);
    // The context the CDK gives its plugin, less the construct tree, which this plugin does not read.
    const report = plugin.validate({ templatePaths: stackTemplates.map((s) => s.templatePath), stackTemplates });
    answer(port, { report, engineReused: engineOf(plugin) === early });
  } catch (error) {
    answer(port, { error: errorText(error) });
  }
});
