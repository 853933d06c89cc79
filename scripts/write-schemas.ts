/**
 * Writes the JSON Schema files under schemas/ from the zod schemas, so editors can check and
 * complete config.yaml and pipeline files (yaml-language-server reads the `$schema` comment on
 * their first line), and so other tools can read result.json and run-report.json.
 *
 *   npm run schemas
 *
 * tests/schemas.test.ts regenerates them in memory and fails when the committed files differ.
 *
 * Choices:
 * - `target: 'draft-07'`: the draft yaml-language-server (VS Code's YAML extension) fully supports;
 *   it inherits draft-07 from vscode-json-languageservice and only partly understands 2019-09 and
 *   2020-12. Nothing here needs a later draft.
 * - `io: 'input'`: the schema of what a person writes, not of what zod returns. With 'output'
 *   every defaulted key (`source`, `models`, `dtype`, `separator`, a step's `with`...) would be
 *   listed as required and the editor would flag a perfectly good config.yaml.
 * - Descriptions come from the JSDoc comments on the zod object keys (read with the TypeScript
 *   parser), so hovering or completing a key in the editor shows the same text as the source.
 *   A `@default` tag becomes a JSON `default` where zod has none (keys that are optional and
 *   defaulted later in code), which editors show and offer when completing.
 * - Keys are written in one fixed order (see `KEY_ORDER`), properties in source order, two-space
 *   indent and a trailing newline, so the files only change when the schemas do.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { z } from 'zod';
import { PipelineSchema } from '../src/pipeline/pipeline-schema.ts';
import { ConfigSchema } from '../src/config/schema.ts';
import { ResultSchema } from '../src/output/result-schema.ts';
import { RunReportSchema } from '../src/output/report-schema.ts';
import { STEPS } from '../src/steps/registry.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = path.join(ROOT, 'schemas');

interface SchemaFile {
  schema: z.ZodType;
  title: string;
  description: string;
}

export const SCHEMA_FILES: Record<string, SchemaFile> = {
  'config.schema.json': {
    schema: ConfigSchema,
    title: 'audarma config.yaml',
    description: 'Models, target editions and summary settings of an audarma project.',
  },
  'pipeline.schema.json': {
    schema: PipelineSchema,
    title: 'audarma pipeline',
    description: 'A pipeline file, pipelines/<name>.yaml: the steps an article goes through.',
  },
  'result.schema.json': {
    schema: ResultSchema,
    title: 'audarma result.json',
    description: 'OUT/<slug>/result.json: an article, its source blocks and every edition.',
  },
  'run-report.schema.json': {
    schema: RunReportSchema,
    title: 'audarma run-report.json',
    description: 'OUT/run-report.json: what a run did, written at its end.',
  },
};

/** Files whose zod objects carry the JSDoc we turn into descriptions. */
function docSources(): string[] {
  const steps = readdirSync(path.join(ROOT, 'src/steps'))
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => `src/steps/${f}`);
  return ['src/config/schema.ts', 'src/pipeline/pipeline-schema.ts', 'src/output/result-schema.ts', 'src/output/report-schema.ts', ...steps];
}

interface KeyDoc {
  description?: string;
  default?: unknown;
}

/**
 * JSDoc of the keys of every `z.object` / `z.strictObject` literal, by the object's sorted key
 * list. A JSON Schema object is matched to its zod literal by the same key list: the generated
 * JSON has no link back to source positions, and two literals with the same keys are rare
 * (where they occur the first documented one wins).
 */
export function collectKeyDocs(files: string[] = docSources()): Map<string, Record<string, KeyDoc>> {
  const table = new Map<string, Record<string, KeyDoc>>();
  for (const rel of files) {
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['object', 'strictObject', 'looseObject'].includes(node.expression.name.text) &&
        node.arguments[0] &&
        ts.isObjectLiteralExpression(node.arguments[0])
      ) {
        const props = node.arguments[0].properties.filter((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)));
        const names = props.map((p) => (p.name as ts.Identifier | ts.StringLiteral).text);
        const key = [...names].sort().join(',');
        const docs = table.get(key) ?? {};
        props.forEach((p, i) => {
          const doc = jsDoc(text, p.getFullStart());
          if (doc && !docs[names[i]]) docs[names[i]] = doc;
        });
        if (Object.keys(docs).length) table.set(key, docs);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return table;
}

function jsDoc(text: string, pos: number): KeyDoc | undefined {
  const ranges = ts.getLeadingCommentRanges(text, pos) ?? [];
  const last = ranges
    .map((r) => text.slice(r.pos, r.end))
    .filter((c) => c.startsWith('/**'))
    .pop();
  if (!last) return undefined;
  const body = last
    .slice(3, -2)
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .join(' ');
  const doc: KeyDoc = {};
  let description = body;
  const def = /@default\s+(.+?)\s*$/.exec(body);
  if (def) {
    description = body.slice(0, def.index);
    // Only a JSON value is a default an editor may insert; prose (`@default defaultPipeline`) stays prose.
    try {
      doc.default = JSON.parse(def[1]);
    } catch {
      description += ` Default: ${def[1]}.`;
    }
  }
  description = description.replace(/\s+/g, ' ').trim();
  if (description) doc.description = description;
  return doc.description !== undefined || doc.default !== undefined ? doc : undefined;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Adds descriptions (and documented defaults) to every object schema whose keys match a zod literal. */
function describe(node: Json, docs: Map<string, Record<string, KeyDoc>>): void {
  if (Array.isArray(node)) {
    for (const n of node) describe(n, docs);
    return;
  }
  if (!isObject(node)) return;
  const props = node.properties;
  if (isObject(props)) {
    const found = docs.get(Object.keys(props).sort().join(','));
    for (const [name, doc] of Object.entries(found ?? {})) {
      const prop = props[name];
      if (!isObject(prop)) continue;
      if (doc.description !== undefined && prop.description === undefined) prop.description = doc.description;
      if (doc.default !== undefined && prop.default === undefined) prop.default = doc.default as Json;
    }
  }
  for (const [k, v] of Object.entries(node)) if (!DATA_KEYS.has(k)) describe(v, docs);
}

/** Keywords whose values are data (not schemas): never described nor reordered. */
const DATA_KEYS = new Set(['default', 'const', 'enum', 'examples', 'required']);
/** Keywords whose values map names to schemas: the names keep their (source) order. */
const MAP_KEYS = new Set(['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas']);
const KEY_ORDER = [
  '$schema',
  '$id',
  '$ref',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'items',
  'prefixItems',
  'properties',
  'propertyNames',
  'additionalProperties',
  'required',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'default',
];
const rank = (k: string): number => (KEY_ORDER.includes(k) ? KEY_ORDER.indexOf(k) : KEY_ORDER.length);

/** Schema keywords in KEY_ORDER, then any others alphabetically; data values left as they are. */
function ordered(node: Json, isMap = false): Json {
  if (Array.isArray(node)) return node.map((n) => ordered(n));
  if (!isObject(node)) return node;
  const keys = Object.keys(node);
  if (!isMap) keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: JsonObject = {};
  for (const k of keys) {
    const v = node[k];
    if (isMap) out[k] = ordered(v);
    else out[k] = DATA_KEYS.has(k) ? v : ordered(v, MAP_KEYS.has(k));
  }
  return out;
}

/** Each `steps` alternative gets its step kind's one-line description, shown when completing `uses:`. */
function describeSteps(json: JsonObject): void {
  const steps = isObject(json.properties) ? json.properties.steps : undefined;
  const items = isObject(steps) ? steps.items : undefined;
  const branches = isObject(items) && Array.isArray(items.oneOf) ? items.oneOf : [];
  for (const branch of branches) {
    const uses = isObject(branch) && isObject(branch.properties) ? branch.properties.uses : undefined;
    const kind = isObject(uses) && typeof uses.const === 'string' ? uses.const : undefined;
    if (isObject(branch) && kind && kind in STEPS) branch.description = STEPS[kind as keyof typeof STEPS].description;
  }
}

/** Every schema file's exact contents, by file name. */
export function renderSchemas(): Record<string, string> {
  const docs = collectKeyDocs();
  const out: Record<string, string> = {};
  for (const [name, file] of Object.entries(SCHEMA_FILES)) {
    const json = z.toJSONSchema(file.schema, { io: 'input', target: 'draft-07' }) as JsonObject;
    describe(json, docs);
    if (file.schema === PipelineSchema) describeSteps(json);
    const full: JsonObject = { ...json, title: file.title, description: file.description };
    out[name] = JSON.stringify(ordered(full), null, 2) + '\n';
  }
  return out;
}

function main(): void {
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, text] of Object.entries(renderSchemas())) {
    writeFileSync(path.join(SCHEMA_DIR, name), text);
    console.log(`wrote schemas/${name}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
