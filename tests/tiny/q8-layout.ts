// Reads the tiny models' ONNX files back, to check their layout, and writes altered copies of a q8
// merged decoder, to check that the tests would see a wrong rewrite of its lm_head.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Model = onnxProto.onnx.ModelProto;
type GraphProto = onnxProto.onnx.IGraphProto;
type NodeProto = onnxProto.onnx.INodeProto;

export const Q8_TIED = 'model.shared.weight_merged_0';
export const LM_HEAD_DQ = 'model.shared.weight_transposed_DequantizeLinear';

export function decodeModel(bytes: Uint8Array): Model {
  return onnx.ModelProto.decode(bytes);
}

/** Name -> [data type name, dims] of the main graph's initializers. */
export function initializers(model: Model): Map<string, [string, number[]]> {
  const type = (t: number) => onnx.TensorProto.DataType[t];
  return new Map(model.graph!.initializer!.map((t) => [t.name!, [type(t.dataType!), (t.dims ?? []).map(Number)]]));
}

/** Names of the nodes of `graph` reading `value`. */
export function readersOf(graph: GraphProto, value: string): string[] {
  return graph.node!.filter((n) => n.input!.includes(value)).map((n) => `${n.opType} ${n.name}`);
}

/** The then/else subgraphs of the main graph's If node. */
export function branches(model: Model): Record<'then_branch' | 'else_branch', GraphProto> {
  const ifNode = model.graph!.node!.find((n) => n.opType === 'If')!;
  const get = (name: string) => ifNode.attribute!.find((a) => a.name === name)!.g!;
  return { then_branch: get('then_branch'), else_branch: get('else_branch') };
}

/**
 * The lm_head chain of a branch, following the tied weight to the MatMul that reads it, as
 * `op[perm](inputs)` with `·` for the value followed and `_` for computed values, e.g.
 * `DequantizeLinear(·, <scale>, <zero point>)`, `Transpose[1,0](·)`, `MatMul(_, ·)`.
 */
export function lmHeadChain(branch: GraphProto, weight: string): string[] {
  const chain: string[] = [];
  let value = weight;
  for (;;) {
    const node: NodeProto | undefined = branch.node!.find((n) => n.input!.includes(value));
    if (!node) return chain;
    const perm = node.attribute!.find((a) => a.name === 'perm');
    const inputs = node.input!.map((i) => (i === value ? '·' : i.startsWith('model.') ? i : '_'));
    chain.push(`${node.opType}${perm ? `[${perm.ints!.map(Number)}]` : ''}(${inputs.join(', ')})`);
    if (node.opType === 'MatMul') return chain;
    value = node.output![0];
  }
}

function tensor(model: Model, name: string): onnxProto.onnx.ITensorProto {
  return model.graph!.initializer!.find((t) => t.name === name)!;
}

/** Drops the Transpose after the lm_head's DequantizeLinear in both branches. */
function dropTranspose(model: Model): void {
  for (const branch of Object.values(branches(model))) {
    const dq = branch.node!.find((n) => n.name === LM_HEAD_DQ)!;
    const transpose = branch.node!.find((n) => n.input![0] === dq.output![0] && n.opType === 'Transpose')!;
    for (const n of branch.node!) n.input = n.input!.map((i) => (i === transpose.output![0] ? dq.output![0] : i));
    branch.node = branch.node!.filter((n) => n !== transpose);
  }
}

export type Q8Variant = 'pre-transposed' | 'relabelled-dims' | 'zero-point-ignored' | 'scale-doubled';

/**
 * A copy of a q8 merged decoder with its lm_head weight rewritten: 'pre-transposed' is a
 * correct rewrite (the uint8 table stored [D, V], no Transpose); the others are wrong ones:
 * the [V, D] bytes relabelled [D, V], the zero point taken as 0, the scale doubled.
 */
export function q8Variant(bytes: Uint8Array, variant: Q8Variant): Uint8Array {
  const model = decodeModel(bytes);
  const weight = tensor(model, `${Q8_TIED}_quantized`);
  const [v, d] = (weight.dims ?? []).map(Number);
  if (variant === 'pre-transposed' || variant === 'relabelled-dims') {
    if (variant === 'pre-transposed') {
      const raw = weight.rawData!;
      const t = new Uint8Array(raw.length);
      for (let i = 0; i < v; i++) for (let k = 0; k < d; k++) t[k * v + i] = raw[i * d + k];
      weight.rawData = t;
    }
    weight.dims = [d, v];
    dropTranspose(model);
  } else if (variant === 'zero-point-ignored') {
    tensor(model, `${Q8_TIED}_zero_point`).rawData = Uint8Array.of(0);
  } else {
    const scale = tensor(model, `${Q8_TIED}_scale`);
    const raw = scale.rawData!;
    const value = new DataView(raw.buffer, raw.byteOffset, 4).getFloat32(0, true);
    scale.rawData = new Uint8Array(Float32Array.of(value * 2).buffer);
  }
  return onnx.ModelProto.encode(model).finish();
}
