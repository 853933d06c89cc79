import type { z } from 'zod';
import { messages } from '../diagnostics/messages.ts';
import { formatPath, type Problem } from '../diagnostics/problem.ts';
import { problemAt, type YamlSource } from './yaml-source.ts';

type AnySchema = z.core.$ZodType;

/** How a value looks to the user in a message: `"kz"`, `42`, `a list`, `a map`, `nothing`. */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `\`${value}\``;
  return `\`${String(value)}\``;
}

export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** Unwraps optional/default/nullable/pipe wrappers to the schema that holds the shape. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema; getter?: () => AnySchema };
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else return s;
  }
}

/** The object schema at `path`, following the data through records, arrays and discriminated unions. */
function schemaAt(root: AnySchema, data: unknown, path: readonly PropertyKey[]): AnySchema | undefined {
  let s: AnySchema | undefined = root;
  const pick = (schema: AnySchema, value: unknown): AnySchema => {
    const u = unwrap(schema);
    const def = u._zod.def as { type: string; options?: AnySchema[]; discriminator?: string };
    if (def.type !== 'union' || !def.options) return u;
    const disc = def.discriminator;
    const found = def.options.find((o) => {
      const shape = (unwrap(o)._zod.def as { shape?: Record<string, AnySchema> }).shape;
      const lit = shape && disc ? (shape[disc]?._zod.def as { values?: unknown[] } | undefined)?.values : undefined;
      return lit?.includes((value as Record<string, unknown> | undefined)?.[disc ?? '']);
    });
    return found ? unwrap(found) : u;
  };
  for (let i = 0; i <= path.length && s; i++) {
    s = pick(s, valueAt(data, path.slice(0, i)));
    if (i === path.length) break;
    const def = s._zod.def as { type: string; shape?: Record<string, AnySchema>; valueType?: AnySchema; element?: AnySchema };
    if (def.type === 'object') s = def.shape?.[String(path[i])];
    else if (def.type === 'record') s = def.valueType;
    else if (def.type === 'array') s = def.element;
    else return undefined;
  }
  return s;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const e = issue.expected;
    return e === 'object' ? 'a map' : e === 'array' ? 'a list' : e === 'int' ? 'an integer' : `a ${e}`;
  }
  return 'a value';
}

/** Turns zod issues into located problems worded "expected X, got `y`", all of them. */
export function problemsFromZod(error: z.ZodError, source: YamlSource, schema: AnySchema, base: PropertyKey[] = []): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = [...base, ...issue.path];
    const got = valueAt(source.data, path);
    const at = (m: { code: string; message: string }, key?: string) =>
      problems.push(problemAt(source, path, m, formatPath(key === undefined ? path : [...path, key]), key));
    switch (issue.code) {
      case 'unrecognized_keys': {
        const shape = (schemaAt(schema, source.data, path)?._zod.def as { shape?: object } | undefined)?.shape;
        for (const key of issue.keys) at(messages.unknownKey(key, Object.keys(shape ?? {})), key);
        break;
      }
      case 'invalid_type':
        if (got === undefined) {
          // A missing key has no place of its own: point at the key of the map that lacks it.
          const m = messages.missingKey(String(path.at(-1)), expectedOf(issue));
          const parent = path.slice(0, -1);
          problems.push(problemAt(source, parent.slice(0, -1), m, formatPath(path), parent.length ? String(parent.at(-1)) : undefined));
        } else at(messages.invalidType(expectedOf(issue), describe(got)));
        break;
      case 'invalid_union':
        if ('options' in issue && issue.options && issue.discriminator === 'uses') at(messages.unknownStepKind(String(got), issue.options.map(String)));
        // A union that says what it accepts (`{ error: … }` in the schema) is quoted; zod's own is not.
        else at(messages.invalidValue(issue.message.startsWith('expected') ? issue.message : 'expected one of the allowed forms', describe(got)));
        break;
      case 'invalid_value':
        at(messages.invalidValue(`expected one of ${issue.values.map(String).join(', ')}`, describe(got)));
        break;
      case 'invalid_key':
        at(messages.invalidValue(`invalid key: ${issue.issues[0]?.message ?? issue.message}`, describe(String(path.at(-1)))));
        break;
      default:
        at(messages.invalidValue(issue.message.replace(/^Invalid input: /, ''), describe(got)));
    }
  }
  return problems;
}
