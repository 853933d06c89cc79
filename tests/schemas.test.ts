// The committed JSON Schemas must be what `npm run schemas` makes from the zod schemas today, and
// the shipped YAML files must point editors at them and pass both the zod schemas and the JSON ones.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { renderSchemas, SCHEMA_DIR } from '../scripts/write-schemas.ts';
import { PipelineSchema } from '../src/pipeline/pipeline-schema.ts';
import { ConfigSchema } from '../src/config/schema.ts';
import { ResultSchema } from '../src/output/result-schema.ts';
import { RunReportSchema } from '../src/output/report-schema.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const generated = renderSchemas();
const schema = (name: string) => JSON.parse(generated[name]) as JsonSchema;

describe('schemas/', () => {
  it.each(Object.keys(generated))('%s is up to date', (name) => {
    let committed: string | undefined;
    try {
      committed = readFileSync(path.join(SCHEMA_DIR, name), 'utf8');
    } catch {
      committed = undefined;
    }
    expect(committed === generated[name], `schemas/${name} is stale or missing: run \`npm run schemas\` and commit the result`).toBe(true);
  });

  it('lists defaulted keys as optional (io: input), so a minimal config is valid in the editor', () => {
    expect(schema('config.schema.json').required).toEqual(['catalogue', 'targets']);
    const model = schema('config.schema.json').properties!.catalogue.additionalProperties as JsonSchema;
    expect(model.required).toEqual(['id', 'task']);
    expect(model.properties!.dtype.default).toBe('fp32');
    expect(model.properties!.id.description).toMatch(/hub id/);
  });
});

describe('shipped YAML files', () => {
  it('point yaml-language-server at the schemas on their first line', () => {
    expect(read('config.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=./schemas/config.schema.json');
    expect(read('pipelines/article.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/pipeline.schema.json');
  });

  it.each([
    ['config.yaml', ConfigSchema, 'config.schema.json'],
    ['tests/fixtures/tiny/config.yaml', ConfigSchema, 'config.schema.json'],
    ['pipelines/article.yaml', PipelineSchema, 'pipeline.schema.json'],
  ] as const)('%s passes the zod schema and the generated JSON Schema', (file, zod, json) => {
    const data = parseYaml(read(file)) as unknown;
    expect(zod.safeParse(data).error).toBeUndefined();
    expect(check(schema(json), data)).toEqual([]);
  });

  it('the result and run-report fixtures pass their JSON Schemas too', () => {
    for (const name of ['astana-sommet-eau.json', 'xss-article.json']) {
      const data = JSON.parse(read(`tests/fixtures/results/${name}`)) as unknown;
      expect(ResultSchema.safeParse(data).success).toBe(true);
      expect(check(schema('result.schema.json'), data)).toEqual([]);
    }
    const report = JSON.parse(read('tests/fixtures/results/run-report.json')) as unknown;
    expect(RunReportSchema.safeParse(report).success).toBe(true);
    expect(check(schema('run-report.schema.json'), report)).toEqual([]);
  });

  it('the JSON Schema rejects what an editor should underline', () => {
    const config = parseYaml(read('config.yaml')) as Record<string, unknown>;
    expect(check(schema('config.schema.json'), { ...config, sourse: 'fr' })).toEqual(['/sourse: not allowed']);
    expect(check(schema('config.schema.json'), { targets: {} })).toEqual(['/catalogue: required']);
    expect(check(schema('pipeline.schema.json'), { steps: [{ uses: 'nope' }] })).toEqual(['/steps/0: matches 0 of 6 alternatives']);
  });
});

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minItems?: number;
  minLength?: number;
  default?: unknown;
  description?: string;
}

/**
 * Just enough of JSON Schema to check the keywords zod emits for these schemas (no library: a
 * validator would be one more dependency for one test). Returns the problems as `path: message`.
 */
function check(s: JsonSchema, v: unknown, at = ''): string[] {
  const where = at || '/';
  if (s.oneOf || s.anyOf) {
    const alts = (s.oneOf ?? s.anyOf)!;
    const ok = alts.filter((alt) => check(alt, v, at).length === 0).length;
    if (s.oneOf ? ok !== 1 : ok === 0) return [`${where}: matches ${ok} of ${alts.length} alternatives`];
  }
  if (s.const !== undefined && v !== s.const) return [`${where}: must be ${JSON.stringify(s.const)}`];
  if (s.enum && !s.enum.includes(v)) return [`${where}: not one of ${s.enum.join(', ')}`];
  const types: Record<string, (x: unknown) => boolean> = {
    object: (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
    array: Array.isArray,
    string: (x) => typeof x === 'string',
    integer: Number.isInteger,
    number: (x) => typeof x === 'number',
    boolean: (x) => typeof x === 'boolean',
    null: (x) => x === null,
  };
  if (s.type && !types[s.type]?.(v)) return [`${where}: expected ${s.type}`];
  const problems: string[] = [];
  if (typeof v === 'string') {
    if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) problems.push(`${where}: does not match ${s.pattern}`);
    if (s.minLength !== undefined && v.length < s.minLength) problems.push(`${where}: too short`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) problems.push(`${where}: too few items`);
    if (s.items) v.forEach((item, i) => problems.push(...check(s.items!, item, `${at}/${i}`)));
  }
  if (types.object(v)) {
    const obj = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in obj)) problems.push(`${at}/${r}: required`);
    for (const [k, val] of Object.entries(obj)) {
      if (s.propertyNames) problems.push(...check(s.propertyNames, k, `${at}/${k} (name)`));
      const sub = s.properties?.[k] ?? s.additionalProperties;
      if (sub === false) problems.push(`${at}/${k}: not allowed`);
      else if (typeof sub === 'object') problems.push(...check(sub, val, `${at}/${k}`));
    }
  }
  return problems;
}
