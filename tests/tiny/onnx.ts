// A minimal ONNX graph writer on top of onnx-proto's generated protobuf classes.
// Tensors are stored as raw little-endian bytes so the files stay small and byte-stable.
// A branch (the body of an If) shares its root graph's initializers and name counter: weights
// live in the main graph and the branches read them as outer-scope values, as in optimum's
// merged decoders.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type DType = 'float' | 'int64' | 'bool' | 'uint8' | 'uint16';
export type Dim = number | string;

export const ELEM: Record<DType, number> = { float: 1, uint8: 2, uint16: 4, int64: 7, bool: 9 };
const AT = onnx.AttributeProto.AttributeType;

type Attr = number | number[] | onnxProto.onnx.IGraphProto;

// IR 8 / opset 17: inside what onnxruntime-node 1.30 accepts (IR 7–13, opset 13–26).
const IR_VERSION = 8;
const OPSET = 17;

function rawBytes(type: DType, values: ArrayLike<number>): Uint8Array {
  if (type === 'float') return new Uint8Array(Float32Array.from(values).buffer);
  if (type === 'bool') return Uint8Array.from(values, (v) => Number(!!v));
  if (type === 'uint8') return Uint8Array.from(values);
  if (type === 'uint16') return new Uint8Array(Uint16Array.from(values).buffer);
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]);
  return new Uint8Array(out.buffer);
}

function valueInfo(name: string, type: DType, dims?: Dim[]) {
  const tensorType: onnxProto.onnx.TypeProto.ITensor = { elemType: ELEM[type] };
  if (dims) tensorType.shape = { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) };
  return { name, type: { tensorType } };
}

function attribute(name: string, value: Attr): onnxProto.onnx.IAttributeProto {
  if (typeof value === 'number') return { name, type: AT.INT, i: value };
  if (Array.isArray(value)) return { name, type: AT.INTS, ints: value };
  return { name, type: AT.GRAPH, g: value };
}

function narrowType(values: ArrayLike<number>): DType | undefined {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0 || !Number.isInteger(v)) return undefined;
    if (v > max) max = v;
  }
  return max < 256 ? 'uint8' : max < 65536 ? 'uint16' : undefined;
}

interface Shared {
  rootNodes: object[];
  inits: object[];
  initNames: Set<string>;
  consts: Map<string, string>;
  counter: number;
}

export class Graph {
  private readonly nodes: object[] = [];
  private readonly inputs: object[] = [];
  private readonly outputs: object[] = [];
  private readonly shared: Shared;
  private readonly isRoot: boolean;

  constructor(
    private readonly name: string,
    parent?: Graph,
  ) {
    this.shared = parent?.shared ?? { rootNodes: this.nodes, inits: [], initNames: new Set(), consts: new Map(), counter: 0 };
    this.isRoot = !parent;
  }

  /** A subgraph (If branch) whose constants and weights are kept in this graph's root. */
  branch(name: string): Graph {
    return new Graph(name, this);
  }

  input(name: string, type: DType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** Declares a graph output, renaming `from` through an Identity node. */
  output(name: string, type: DType, dims: Dim[] | undefined, from: string): void {
    this.op('Identity', [from], {}, name);
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** Declares the outputs of a node already named like them (the main graph's If). */
  declareOutput(name: string, type: DType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** A named weight in the root graph. */
  init(name: string, type: DType, dims: number[], values: ArrayLike<number>): string {
    if (this.shared.initNames.has(name)) throw new Error(`duplicate initializer ${name}`);
    this.shared.initNames.add(name);
    this.shared.inits.push({ name, dataType: ELEM[type], dims, rawData: rawBytes(type, values) });
    return name;
  }

  /**
   * A constant initializer; `dims` defaults to a 1-D tensor of the values (`[]` = scalar).
   * Equal constants are stored once, so both branches of an If read the same tables.
   */
  const(type: DType, values: ArrayLike<number>, dims: number[] = [values.length]): string {
    const key = `${type}|${dims.join(',')}|${Array.prototype.join.call(values, ',')}`;
    let name = this.shared.consts.get(key);
    if (name === undefined) {
      name = `const${this.shared.counter++}`;
      const small = type === 'int64' && values.length >= 64 ? narrowType(values) : undefined;
      if (small) {
        // Per-token tables are stored narrow and widened by a Cast in the main graph, which
        // onnxruntime folds once when it loads the model: smaller files, same graph at run time.
        this.init(`${name}_${small}`, small, dims, values);
        this.shared.rootNodes.push({ opType: 'Cast', name, input: [`${name}_${small}`], output: [name], attribute: [attribute('to', ELEM.int64)] });
      } else {
        this.init(name, type, dims, values);
      }
      this.shared.consts.set(key, name);
    }
    return name;
  }

  /** Adds a node and returns the names of its outputs (`outputs` names or a count). */
  node(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, outputs: string[] | number = 1, nodeName?: string): string[] {
    const out = typeof outputs === 'number' ? Array.from({ length: outputs }, () => `${opType}${this.shared.counter++}`) : outputs;
    const attr = Object.entries(attrs).map(([k, v]) => attribute(k, v));
    this.nodes.push({ opType, name: nodeName ?? out[0], input: inputs, output: out, attribute: attr });
    return out;
  }

  /** Adds a single-output node and returns the name of its output. */
  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, outName?: string, nodeName?: string): string {
    return this.node(opType, inputs, attrs, outName ? [outName] : 1, nodeName)[0];
  }

  // Shorthands for the ops the tiny decoders use over and over.
  int(...values: number[]): string {
    return this.const('int64', values);
  }
  gather(data: string, indices: string, axis = 0): string {
    return this.op('Gather', [data, indices], { axis });
  }
  flag(table: string, indices: string): string {
    return this.op('Cast', [this.gather(table, indices)], { to: ELEM.bool });
  }
  where(cond: string, a: string, b: string): string {
    return this.op('Where', [cond, a, b]);
  }
  or(...xs: string[]): string {
    return xs.reduce((acc, x) => this.op('Or', [acc, x]));
  }
  and(a: string, b: string): string {
    return this.op('And', [a, b]);
  }

  /** This graph as a GraphProto (the root one carries every initializer). */
  proto(): onnxProto.onnx.IGraphProto {
    return {
      name: this.name,
      node: this.nodes,
      initializer: this.isRoot ? this.shared.inits : [],
      input: this.inputs,
      output: this.outputs,
    } as onnxProto.onnx.IGraphProto;
  }

  encode(): Uint8Array {
    const model = onnx.ModelProto.fromObject({
      irVersion: IR_VERSION,
      producerName: 'audarma-tiny',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: this.proto(),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
