/** Tarjan's strongly connected components, iterative (road networks are too deep for recursion). */
export function largestStronglyConnected(nodes: number, from: Int32Array, to: Int32Array): Uint8Array {
  const first = new Int32Array(nodes + 1);
  for (let e = 0; e < from.length; e++) first[from[e]! + 1]!++;
  for (let n = 0; n < nodes; n++) first[n + 1] += first[n]!;
  const targets = new Int32Array(from.length);
  const fill = first.slice(0, nodes);
  for (let e = 0; e < from.length; e++) targets[fill[from[e]!]!++] = to[e]!;

  const index = new Int32Array(nodes).fill(-1);
  const low = new Int32Array(nodes);
  const onStack = new Uint8Array(nodes);
  const component = new Int32Array(nodes).fill(-1);
  const stack = new Int32Array(nodes);
  const callNode = new Int32Array(nodes);
  const callEdge = new Int32Array(nodes);
  let stackTop = 0;
  let counter = 0;
  let components = 0;
  const sizes: number[] = [];

  for (let root = 0; root < nodes; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = first[root]!;
    index[root] = low[root] = counter++;
    stack[stackTop++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      if (callEdge[depth]! < first[v + 1]!) {
        const w = targets[callEdge[depth]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[stackTop++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = first[w]!;
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      if (low[v] === index[v]) {
        let size = 0;
        let w: number;
        do {
          w = stack[--stackTop]!;
          onStack[w] = 0;
          component[w] = components;
          size++;
        } while (w !== v);
        sizes.push(size);
        components++;
      }
      depth--;
      if (depth >= 0) low[callNode[depth]!] = Math.min(low[callNode[depth]!]!, low[v]!);
    }
  }
  let largest = 0;
  for (let c = 1; c < components; c++) if (sizes[c]! > sizes[largest]!) largest = c;
  const keep = new Uint8Array(nodes);
  for (let n = 0; n < nodes; n++) keep[n] = component[n] === largest ? 1 : 0;
  return keep;
}
