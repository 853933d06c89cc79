// A minimal ONNX graph writer on top of onnx-proto's generated protobuf classes.
// Tensors are stored as raw little-endian bytes so the files stay small and byte-stable.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type DType = 'float' | 'int64' | 'bool';
export type Dim = number | string;

export const ELEM: Record<DType, number> = { float: 1, int64: 7, bool: 9 };
const ATTR_INT = 2;

// IR 8 / opset 17: inside what onnxruntime-node 1.30 accepts (IR 7–13, opset 13–26).
const IR_VERSION = 8;
const OPSET = 17;

function rawBytes(type: DType, values: ArrayLike<number>): Uint8Array {
  if (type === 'float') return new Uint8Array(Float32Array.from(values).buffer);
  if (type === 'bool') return Uint8Array.from(values, (v) => (v ? 1 : 0));
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]);
  return new Uint8Array(out.buffer);
}

function valueInfo(name: string, type: DType, dims: Dim[]) {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: ELEM[type], shape: { dim } } } };
}

export class Graph {
  private readonly nodes: object[] = [];
  private readonly inits: object[] = [];
  private readonly inputs: object[] = [];
  private readonly outputs: object[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  input(name: string, type: DType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: DType, dims: Dim[], from: string): void {
    this.op('Identity', [from], {}, name);
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** A constant initializer; `dims` defaults to a 1-D tensor of the values (`[]` = scalar). */
  const(type: DType, values: ArrayLike<number>, dims: number[] = [values.length]): string {
    const name = `const${this.counter++}`;
    this.inits.push({ name, dataType: ELEM[type], dims, rawData: rawBytes(type, values) });
    return name;
  }

  /** Adds a single-output node and returns the name of its output. */
  op(opType: string, inputs: string[], attrs: Record<string, number> = {}, outName?: string): string {
    const out = outName ?? `${opType}${this.counter++}`;
    const attribute = Object.entries(attrs).map(([name, i]) => ({ name, type: ATTR_INT, i }));
    this.nodes.push({ opType, name: out, input: inputs, output: [out], attribute });
    return out;
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

  encode(): Uint8Array {
    const model = onnx.ModelProto.fromObject({
      irVersion: IR_VERSION,
      producerName: 'audarma-tiny',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: { name: this.name, node: this.nodes, initializer: this.inits, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
