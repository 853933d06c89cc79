// Small helpers to write ONNX graphs with `onnx-proto`: a graph builder with unique names,
// initializers kept on the root graph (so If-branches share them as outer-scope values),
// memoised small constants, attributes, value infos, model encoding and atomic file writes.
import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import onnxPkg from 'onnx-proto';

export const { onnx } = onnxPkg;
export type INode = onnxPkg.onnx.INodeProto;
export type ITensor = onnxPkg.onnx.ITensorProto;
export type IGraph = onnxPkg.onnx.IGraphProto;
export type IValueInfo = onnxPkg.onnx.IValueInfoProto;
export type IAttr = onnxPkg.onnx.IAttributeProto;

export type ElemType = 'float32' | 'uint8' | 'int8' | 'int32' | 'int64' | 'bool';
export type Dim = number | string;
export type TypedData = Float32Array | Uint8Array | Int8Array | Int32Array | BigInt64Array;

const DT = onnx.TensorProto.DataType;
export const ELEM: Record<ElemType, number> = {
  float32: DT.FLOAT,
  uint8: DT.UINT8,
  int8: DT.INT8,
  int32: DT.INT32,
  int64: DT.INT64,
  bool: DT.BOOL,
};

export const OPSET = 17;
export const IR_VERSION = 8;

const AT = onnx.AttributeProto.AttributeType;
export const attr = {
  int: (name: string, i: number): IAttr => ({ name, type: AT.INT, i }),
  float: (name: string, f: number): IAttr => ({ name, type: AT.FLOAT, f }),
  ints: (name: string, ints: number[]): IAttr => ({ name, type: AT.INTS, ints }),
  graph: (name: string, g: IGraph): IAttr => ({ name, type: AT.GRAPH, g }),
  tensor: (name: string, t: ITensor): IAttr => ({ name, type: AT.TENSOR, t }),
};

/** A tensor proto whose raw bytes view `data` without copying (little-endian host assumed). */
export function tensorProto(name: string, type: ElemType, dims: number[], data: TypedData): ITensor {
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { name, dataType: ELEM[type], dims, rawData: raw };
}

export function valueInfo(name: string, type: ElemType, shape?: Dim[]): IValueInfo {
  const tensorType: onnxPkg.onnx.TypeProto.ITensor = { elemType: ELEM[type] };
  if (shape) {
    tensorType.shape = {
      dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
    };
  }
  return { name, type: { tensorType } };
}

/**
 * Builds one graph. A child builder (an If branch) shares its root's initializers, constant
 * cache and name counter, and prefixes its value names so branches never clash.
 */
export class GraphBuilder {
  readonly nodes: INode[] = [];
  private readonly initializers: ITensor[] = [];
  private readonly initNames = new Set<string>();
  private readonly constCache = new Map<string, string>();
  private counter = 0;
  private readonly root: GraphBuilder;
  /** Per-graph cache of values that were already dynamically quantized (see quantize.ts). */
  readonly quantized = new Map<string, [string, string, string]>();

  constructor(
    readonly prefix = '',
    root?: GraphBuilder,
  ) {
    this.root = root ?? this;
  }

  branch(prefix: string): GraphBuilder {
    return new GraphBuilder(prefix, this.root);
  }

  fresh(hint: string): string {
    return `${this.prefix}${hint}_${this.root.counter++}`;
  }

  /** Adds a node; returns its output names (`outputs` hints or a count). */
  nodeN(op: string, inputs: string[], outputs: number | string[], attrs: IAttr[] = [], name?: string): string[] {
    const outs = typeof outputs === 'number' ? Array.from({ length: outputs }, (_, i) => this.fresh(`${op}${outputs > 1 ? `_o${i}` : ''}`)) : outputs;
    this.nodes.push({ opType: op, input: inputs, output: outs, name: name ?? this.fresh(`n_${op}`), attribute: attrs });
    return outs;
  }

  /** One-output node; `output` and `name` give exact names (as a real export's), else fresh ones. */
  node(op: string, inputs: string[], attrs: IAttr[] = [], output?: string, name?: string): string {
    return this.nodeN(op, inputs, output ? [output] : 1, attrs, name)[0];
  }

  /** Adds a (weight) initializer to the root graph under an exact name. */
  init(name: string, type: ElemType, dims: number[], data: TypedData): string {
    const r = this.root;
    if (r.initNames.has(name)) throw new Error(`duplicate initializer ${name}`);
    r.initNames.add(name);
    r.initializers.push(tensorProto(name, type, dims, data));
    return name;
  }

  hasInit(name: string): boolean {
    return this.root.initNames.has(name);
  }

  private constant(type: ElemType, dims: number[], values: number[]): string {
    const key = `${type}|${dims.join(',')}|${values.join(',')}`;
    const r = this.root;
    const hit = r.constCache.get(key);
    if (hit) return hit;
    const name = `const_${r.constCache.size}`;
    const data =
      type === 'int64'
        ? BigInt64Array.from(values.map((v) => BigInt(v)))
        : type === 'float32'
          ? Float32Array.from(values)
          : type === 'uint8' || type === 'bool'
            ? Uint8Array.from(values)
            : type === 'int8'
              ? Int8Array.from(values)
              : Int32Array.from(values);
    r.constCache.set(key, name);
    return this.init(name, type, dims, data);
  }

  /** Scalar (dims omitted) or 1-D int64 constant. */
  i64(values: number | number[]): string {
    return Array.isArray(values) ? this.constant('int64', [values.length], values) : this.constant('int64', [], [values]);
  }

  f32(values: number | number[]): string {
    return Array.isArray(values) ? this.constant('float32', [values.length], values) : this.constant('float32', [], [values]);
  }

  /** A graph proto. Only the root carries initializers; branches take no inputs. */
  toGraph(name: string, inputs: IValueInfo[], outputs: IValueInfo[]): IGraph {
    return {
      name,
      node: this.nodes,
      input: inputs,
      output: outputs,
      initializer: this === this.root ? this.initializers : [],
    };
  }
}

export function modelProto(graph: IGraph, producer = 'audarma-bench'): onnxPkg.onnx.IModelProto {
  return {
    irVersion: IR_VERSION,
    producerName: producer,
    opsetImport: [{ domain: '', version: OPSET }],
    graph,
  };
}

export function encodeModel(model: onnxPkg.onnx.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

/** Writes a file via a temporary sibling and a rename, so readers never see a partial file. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * A model folder being written: files go in atomically, and their sizes are kept for the
 * builder's report. Creates `dir/onnx`.
 */
export function folderWriter(dir: string) {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const files: Record<string, number> = {};
  return {
    files,
    write(rel: string, data: Uint8Array | string): void {
      writeFileAtomic(join(dir, rel), data);
      files[rel] = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    },
  };
}
