// Rewrites the q8 lm_head of optimum's merged decoders into a form onnxruntime-node 1.30 loads.
//
// optimum ties the lm_head to the shared embedding. In the q8 files (quantize_dynamic) that weight
// is a uint8 initializer of the main graph, and inside both branches of `If(use_cache_branch)` a
// Transpose of it, then a DequantizeLinear (the order quantize_dynamic writes; DequantizeLinear
// then Transpose is handled too), then the lm_head MatMul. onnxruntime's QDQ
// fusion cannot handle a DequantizeLinear in a subgraph reading an outer-scope initializer and the
// session is refused ("TransposeDQWeightsForMatMulNBits Missing required scale/weight"). Turning the
// fusion off loads it but dequantizes the whole vocabulary × d_model matrix on every decoder step
// (about 4× slower than the fused product at OPUS-MT size).
//
// The rewrite gives each such MatMul the form quantize_dynamic writes for every other MatMul of the
// file: DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_int8) -> Cast -> Mul(x_scale · w_scale),
// which onnxruntime fuses into one prepacked int8 product (the fastest of the layouts measured).
// W_int8 is the same quantized weight, transposed into [K, N] once and shifted from uint8 to int8
// (w - 128 with zero point zp - 128: identical values), stored as a new main-graph initializer;
// the original stays for the embedding Gather. The only numeric change is the activation's dynamic
// quantization, which quantize_dynamic already applies to every other MatMul of the model.
import onnxPkg from 'onnx-proto';

const { onnx } = onnxPkg;
type IModel = onnxPkg.onnx.IModelProto;
type IGraph = onnxPkg.onnx.IGraphProto;
type INode = onnxPkg.onnx.INodeProto;
type ITensor = onnxPkg.onnx.ITensorProto;

const DT = onnx.TensorProto.DataType;
const AT = onnx.AttributeProto.AttributeType;

/** What a rewrite did, for the caller's log and tests. */
export interface TiedHeadRewrite {
  /** lm_head MatMuls replaced, one per branch. */
  matmuls: number;
  /** The main-graph weights they read. */
  weights: string[];
}

const dims = (t: ITensor) => (t.dims ?? []).map(Number);
const isScalar = (t: ITensor | undefined) => !!t && dims(t).reduce((a, b) => a * b, 1) === 1;

/** The tensor's bytes as uint8 or int8 values, whichever field holds them. */
function bytesOf(t: ITensor): Uint8Array {
  if (t.rawData && t.rawData.length) return t.rawData;
  return Uint8Array.from(t.int32Data ?? [], (v) => v & 0xff);
}

function floatOf(t: ITensor): number {
  if (t.rawData && t.rawData.length >= 4) return Buffer.from(t.rawData).readFloatLE(0);
  return Number(t.floatData?.[0]);
}

/** [rows, cols] bytes, optionally transposed, moved from uint8 to int8 by subtracting 128. */
function toInt8(src: Uint8Array, rows: number, cols: number, transpose: boolean, fromUint8: boolean): Uint8Array {
  const out = new Uint8Array(rows * cols);
  const shift = fromUint8 ? 128 : 0;
  if (!transpose) {
    for (let i = 0; i < out.length; i++) out[i] = (src[i] - shift) & 0xff;
    return out;
  }
  // out[c, r] = src[r, c]; walk the source row by row so reads stay sequential.
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = (src[base + c] - shift) & 0xff;
  }
  return out;
}

function subgraphs(node: INode): IGraph[] {
  const out: IGraph[] = [];
  for (const a of node.attribute ?? []) {
    if (a.type === AT.GRAPH && a.g) out.push(a.g);
    if (a.type === AT.GRAPHS) out.push(...(a.graphs ?? []));
  }
  return out;
}

const transposes2d = (n: INode) => {
  const perm = n.attribute?.find((a) => a.name === 'perm')?.ints?.map(Number);
  return !perm || (perm.length === 2 && perm[0] === 1 && perm[1] === 0);
};

/**
 * Rewrites every lm_head-like `[Transpose ->] DequantizeLinear(outer uint8/int8 weight) [-> Transpose]
 * -> MatMul` found inside a subgraph. Returns null when the model has none (nothing to do).
 */
export function rewriteTiedHead(model: IModel): TiedHeadRewrite | null {
  const main = model.graph;
  if (!main) return null;
  const outer = new Map((main.initializer ?? []).map((t) => [t.name!, t]));
  const added = new Map<string, { b: string; zp: string }>();
  const result: TiedHeadRewrite = { matmuls: 0, weights: [] };
  let counter = 0;

  const visit = (graph: IGraph, depth: number) => {
    for (const node of graph.node ?? []) for (const g of subgraphs(node)) visit(g, depth + 1);
    if (depth === 0) return;
    const local = new Set((graph.initializer ?? []).map((t) => t.name!));
    const consumers = (name: string) => (graph.node ?? []).filter((n) => n.input?.includes(name));
    const drop = new Set<INode>();
    const replace = new Map<INode, INode[]>();
    for (const dq of graph.node ?? []) {
      if (dq.opType !== 'DequantizeLinear' || dq.domain) continue;
      const [qName, sName, zName] = dq.input ?? [];
      // quantize_dynamic writes Transpose(outer weight) -> DequantizeLinear (it transposes the
      // uint8 table directly); DequantizeLinear(outer weight) -> Transpose is the same product.
      const producer = (graph.node ?? []).find((n) => n.output?.includes(qName));
      const before = producer?.opType === 'Transpose' && transposes2d(producer) && consumers(qName).length === 1 ? producer : undefined;
      const wName = before ? before.input![0] : qName;
      const w = local.has(wName) ? undefined : outer.get(wName);
      const s = outer.get(sName);
      const z = zName ? outer.get(zName) : undefined;
      if (!w || dims(w).length !== 2 || !isScalar(s) || (zName && !isScalar(z))) continue;
      if (w.dataType !== DT.UINT8 && w.dataType !== DT.INT8) continue;
      // Follow DQ [-> Transpose] to MatMuls that take it as their B input; anything else stays.
      const next = consumers(dq.output![0]);
      let transposeNode = before;
      let bName = dq.output![0];
      if (!before && next.length === 1 && next[0].opType === 'Transpose' && transposes2d(next[0])) {
        transposeNode = next[0];
        bName = transposeNode.output![0];
      }
      const matmuls = consumers(bName);
      if (!matmuls.length || !matmuls.every((m) => m.opType === 'MatMul' && m.input?.[1] === bName && m.input[0] !== bName)) continue;
      if (bName === dq.output![0] && next.length !== matmuls.length) continue;

      const key = `${wName}|${transposeNode ? 'T' : 'N'}`;
      let b = added.get(key);
      if (!b) {
        const [rows, cols] = dims(w);
        const fromUint8 = w.dataType === DT.UINT8;
        const zp = z ? bytesOf(z)[0] : fromUint8 ? 128 : 0; // absent zero point: 0 in the weight's own type
        const base = `${wName}_audarma_matmul_int8${transposeNode ? '_t' : ''}`;
        b = { b: base, zp: `${base}_zero_point` };
        outer.set(b.b, {
          name: b.b,
          dataType: DT.INT8,
          dims: transposeNode ? [cols, rows] : [rows, cols],
          rawData: toInt8(bytesOf(w), rows, cols, Boolean(transposeNode), fromUint8),
        });
        outer.set(b.zp, { name: b.zp, dataType: DT.INT8, dims: [], rawData: Uint8Array.of(((fromUint8 ? zp - 128 : zp) + 256) & 0xff) });
        main.initializer!.push(outer.get(b.b)!, outer.get(b.zp)!);
        added.set(key, b);
        result.weights.push(wName);
      }
      const wScale = floatOf(s!);
      if (!Number.isFinite(wScale)) continue;
      for (const mm of matmuls) {
        const p = `audarma_lm_head_${counter++}`;
        const [x] = mm.input!;
        replace.set(mm, [
          { opType: 'DynamicQuantizeLinear', name: `${p}_quantize`, input: [x], output: [`${p}_x_q`, `${p}_x_scale`, `${p}_x_zero_point`] },
          { opType: 'MatMulInteger', name: `${p}_matmul`, input: [`${p}_x_q`, b.b, `${p}_x_zero_point`, b.zp], output: [`${p}_int32`] },
          { opType: 'Cast', name: `${p}_cast`, input: [`${p}_int32`], output: [`${p}_float`], attribute: [{ name: 'to', type: AT.INT, i: DT.FLOAT }] },
          { opType: 'Mul', name: `${p}_scale`, input: [`${p}_x_scale`, sName], output: [`${p}_scales`] },
          { opType: 'Mul', name: `${p}_output`, input: [`${p}_float`, `${p}_scales`], output: [mm.output![0]] },
        ]);
        result.matmuls++;
      }
      drop.add(dq);
      if (transposeNode) drop.add(transposeNode);
    }
    if (!replace.size) return;
    graph.node = (graph.node ?? []).flatMap((n) => (drop.has(n) ? [] : (replace.get(n) ?? [n])));
  };

  visit(main, 0);
  if (!result.matmuls) return null;
  // A weight only the lm_head read (no embedding Gather) is gone from every graph now: drop it,
  // rather than keep a second copy in memory (and an onnxruntime warning about it).
  const used = new Set<string>();
  const collect = (g: IGraph) => {
    for (const n of g.node ?? []) {
      for (const i of n.input ?? []) used.add(i);
      subgraphs(n).forEach(collect);
    }
    for (const o of g.output ?? []) used.add(o.name!);
  };
  collect(main);
  main.initializer = main.initializer!.filter((t) => used.has(t.name!));
  return result;
}
