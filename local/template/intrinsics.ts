/**
 * Resolves CloudFormation intrinsic functions to local values, for one stack.
 *
 * Supported: Ref (resources, parameters, pseudo parameters), Fn::GetAtt (both forms),
 * Fn::Join, Fn::Sub (both forms), Fn::Select, Fn::Split, Fn::ImportValue, Fn::If with the
 * Conditions section (Fn::Equals/Not/And/Or/Condition), Fn::FindInMap, Fn::Base64,
 * Fn::GetAZs, Fn::ToJsonString, Fn::Length, and AWS::NoValue (the property disappears).
 * Anything else fails with the stack and logical id, never silently.
 */
import type { StackArtifact } from './cloud-assembly';
import { TemplateError } from './errors';
import type { LocalEnv } from './local-env';
import { localUuid } from './local-env';
import { getAttOf, physicalNameOf, refOf, type RefTarget } from './resource-refs';
import type { CfnResource } from './template-types';

/** Stands for AWS::NoValue while resolving; removed from objects and arrays. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export type ImportValue = (exportName: string, where: string) => unknown;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class StackContext {
  private readonly cache = new Map<string, unknown>();
  private readonly inProgress = new Set<string>();

  constructor(
    readonly stack: StackArtifact,
    readonly env: LocalEnv,
    private readonly importValue: ImportValue,
    private readonly parameterOverrides: Record<string, string> = {},
  ) {}

  get stackName(): string {
    return this.stack.stackName;
  }

  resources(): [string, CfnResource][] {
    return Object.entries(this.stack.template.Resources ?? {});
  }

  resource(logicalId: string): CfnResource | undefined {
    return this.stack.template.Resources?.[logicalId];
  }

  /** False when the resource's Condition is false: CloudFormation would not create it. */
  isActive(logicalId: string): boolean {
    const condition = this.resource(logicalId)?.Condition;
    return condition === undefined || this.condition(condition, `${this.stackName}/${logicalId}`);
  }

  /** Resolves every intrinsic in `value`; `where` names the location for error messages. */
  resolve(value: unknown, where: string): unknown {
    const out = this.resolveInner(value, where);
    return out === NO_VALUE ? undefined : out;
  }

  /** A resource property, resolved. Memoized, with cycle detection. */
  prop(logicalId: string, name: string): unknown {
    return this.memo(`prop:${logicalId}.${name}`, `${this.stackName}/${logicalId}.${name}`, () =>
      this.resolve(this.resource(logicalId)?.Properties?.[name], `${this.stackName}/${logicalId}.Properties.${name}`),
    );
  }

  target(logicalId: string, where: string): RefTarget {
    const resource = this.resource(logicalId);
    if (!resource) throw new TemplateError(where, `no resource or parameter named ${logicalId}`);
    if (!this.isActive(logicalId)) {
      throw new TemplateError(where, `refers to ${logicalId}, whose Condition is false (it would not exist)`);
    }
    return {
      env: this.env,
      stackName: this.stackName,
      logicalId,
      type: resource.Type,
      prop: (name) => this.prop(logicalId, name),
    };
  }

  physicalName(logicalId: string): string {
    return this.memo(`name:${logicalId}`, `${this.stackName}/${logicalId}`, () =>
      physicalNameOf(this.target(logicalId, `${this.stackName}/${logicalId}`)),
    );
  }

  ref(name: string, where: string): unknown {
    const pseudo = this.pseudoParameter(name);
    if (pseudo !== undefined) return pseudo;
    const parameter = this.stack.template.Parameters?.[name];
    if (parameter) return this.parameter(name, parameter.Type, parameter.Default, where);
    return this.memo(`ref:${name}`, where, () => refOf(this.target(name, where)));
  }

  getAtt(logicalId: string, attribute: string, where: string): unknown {
    return this.memo(`att:${logicalId}.${attribute}`, where, () => getAttOf(this.target(logicalId, where), attribute, where));
  }

  condition(name: string, where: string): boolean {
    const definition = this.stack.template.Conditions?.[name];
    if (definition === undefined) throw new TemplateError(where, `unknown condition ${name}`);
    return this.memo(`cond:${name}`, where, () => this.evaluateCondition(definition, `${this.stackName} Conditions.${name}`));
  }

  private memo<T>(key: string, where: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    if (this.inProgress.has(key)) throw new TemplateError(where, `circular reference while resolving ${key}`);
    this.inProgress.add(key);
    try {
      const value = compute();
      this.cache.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private pseudoParameter(name: string): unknown {
    const env = this.env;
    switch (name) {
      case 'AWS::Region':
        return env.region;
      case 'AWS::AccountId':
        return env.accountId;
      case 'AWS::Partition':
        return env.partition;
      case 'AWS::URLSuffix':
        return env.urlSuffix;
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::StackId':
        return `arn:${env.partition}:cloudformation:${env.region}:${env.accountId}:stack/${this.stackName}/${localUuid(this.stackName, 'AWS::StackId')}`;
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }

  private parameter(name: string, type: string, defaultValue: unknown, where: string): unknown {
    const value = this.parameterOverrides[name] ?? defaultValue;
    if (value === undefined) {
      throw new TemplateError(where, `parameter ${name} has no Default; pass it in readTopology({ parameters })`);
    }
    if (type === 'CommaDelimitedList' || type.startsWith('List<')) {
      return Array.isArray(value) ? value : String(value).split(',');
    }
    return typeof value === 'number' ? String(value) : value;
  }

  private evaluateCondition(value: unknown, where: string): boolean {
    if (!isObject(value) || Object.keys(value).length !== 1) {
      const resolved = this.resolve(value, where);
      if (typeof resolved === 'boolean') return resolved;
      if (resolved === 'true' || resolved === 'false') return resolved === 'true';
      throw new TemplateError(where, `not a condition: ${JSON.stringify(value)}`);
    }
    const [fn, arg] = Object.entries(value)[0]!;
    const args = Array.isArray(arg) ? arg : [arg];
    switch (fn) {
      case 'Condition':
        return this.condition(String(arg), where);
      case 'Fn::Equals': {
        const [a, b] = args.map((x) => this.resolve(x, where));
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not':
        return !this.evaluateCondition(args[0], where);
      case 'Fn::And':
        return args.every((c) => this.evaluateCondition(c, where));
      case 'Fn::Or':
        return args.some((c) => this.evaluateCondition(c, where));
      case 'Fn::Contains': {
        const [list, item] = args.map((x) => this.resolve(x, where));
        return Array.isArray(list) && list.some((x) => JSON.stringify(x) === JSON.stringify(item));
      }
      default:
        throw new TemplateError(where, `unsupported condition function ${fn}`);
    }
  }

  private resolveInner(value: unknown, where: string): unknown {
    if (Array.isArray(value)) {
      return value.map((v, i) => this.resolveInner(v, `${where}[${i}]`)).filter((v) => v !== NO_VALUE);
    }
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) {
      return this.intrinsic(keys[0]!, value[keys[0]!], where);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const resolved = this.resolveInner(v, `${where}.${k}`);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }

  private intrinsic(fn: string, arg: unknown, where: string): unknown {
    const at = `${where} (${fn})`;
    switch (fn) {
      case 'Ref':
        return this.ref(this.str(this.resolveInner(arg, at), at), at);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = this.getAttArgs(arg, at);
        return this.getAtt(logicalId, attribute, at);
      }
      case 'Fn::Join': {
        const [delimiter, list] = this.args(arg, 2, at);
        const items = this.resolveInner(list, at);
        if (!Array.isArray(items)) throw new TemplateError(at, 'second argument must resolve to a list');
        return items.map((x) => this.str(x, at)).join(this.str(delimiter, at));
      }
      case 'Fn::Sub':
        return this.sub(arg, at);
      case 'Fn::Select': {
        const [index, list] = this.args(arg, 2, at);
        const items = this.resolveInner(list, at);
        const i = Number(this.resolveInner(index, at));
        if (!Array.isArray(items) || !Number.isInteger(i) || i < 0 || i >= items.length) {
          throw new TemplateError(at, `index ${i} out of range`);
        }
        return items[i];
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.args(arg, 2, at);
        return this.str(this.resolveInner(source, at), at).split(this.str(delimiter, at));
      }
      case 'Fn::ImportValue':
        return this.importValue(this.str(this.resolveInner(arg, at), at), at);
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = this.args(arg, 3, at);
        return this.resolveInner(this.condition(this.str(condition, at), at) ? whenTrue : whenFalse, at);
      }
      case 'Fn::FindInMap': {
        const [map, top, second] = (this.args(arg, 3, at) as unknown[]).map((x) => this.str(this.resolveInner(x, at), at));
        const found = this.stack.template.Mappings?.[map!]?.[top!]?.[second!];
        if (found === undefined) throw new TemplateError(at, `no mapping ${map}.${top}.${second}`);
        return found;
      }
      case 'Fn::Base64':
        return Buffer.from(this.str(this.resolveInner(arg, at), at)).toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((z) => `${this.env.region}${z}`);
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolveInner(arg, at));
      case 'Fn::Length': {
        const items = this.resolveInner(arg, at);
        if (!Array.isArray(items)) throw new TemplateError(at, 'argument must resolve to a list');
        return items.length;
      }
      default:
        throw new TemplateError(at, `intrinsic function ${fn} is not supported by the local platform`);
    }
  }

  private sub(arg: unknown, at: string): string {
    let text: unknown = arg;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(arg)) {
      [text] = arg;
      const vars = this.resolveInner(arg[1] ?? {}, at);
      if (!isObject(vars)) throw new TemplateError(at, 'the variable map must be an object');
      variables = vars;
    }
    if (typeof text !== 'string') throw new TemplateError(at, 'the template must be a string');
    return text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      // `${!Literal}` escapes a literal `${Literal}`.
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const key = name.trim();
      if (key in variables) return this.str(variables[key], at);
      if (!key.startsWith('AWS::') && key.includes('.')) {
        const dot = key.indexOf('.');
        return this.str(this.getAtt(key.slice(0, dot), key.slice(dot + 1), at), at);
      }
      return this.str(this.ref(key, at), at);
    });
  }

  private getAttArgs(arg: unknown, at: string): [string, string] {
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      if (dot < 0) throw new TemplateError(at, `malformed Fn::GetAtt ${arg}`);
      return [arg.slice(0, dot), arg.slice(dot + 1)];
    }
    const [logicalId, attribute] = this.args(arg, 2, at);
    return [this.str(logicalId, at), this.str(this.resolveInner(attribute, at), at)];
  }

  private args(arg: unknown, count: number, at: string): unknown[] {
    if (!Array.isArray(arg) || arg.length < count) throw new TemplateError(at, `expects ${count} arguments`);
    return arg;
  }

  private str(value: unknown, at: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new TemplateError(at, `expected a string, got ${JSON.stringify(value)}`);
  }
}
