// Lays a graph model out with dagre (@dagrejs/dagre): stages left to right, groups as compound nodes.
//
// Past BIG_GRAPH stages, dagre's own ranking (network simplex) and its routing of edges that span several ranks take
// seconds, so dagre is given each stage's rank (its depth in what it needs, so every edge still points right) and a
// skeleton of one incoming edge per stage (from its deepest predecessor); it orders and places the stages as usual.
// The other edges are drawn straight between the boxes, and groups as the boxes around their stages.
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import type { GraphModel } from './model';

export const NODE_WIDTH = 188;
export const NODE_HEIGHT = 50;
export const BIG_GRAPH = 300;
const GROUP_PAD = { top: 28, side: 10, bottom: 10 };

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  nodes: Map<string, Box>;
  edges: Map<string, Point[]>;
  width: number;
  height: number;
}

export function edgeKey(from: string, to: string): string {
  return `${from}>${to}`;
}

export function layoutGraph(model: GraphModel): Layout {
  const leaves = model.nodes.filter((n) => !n.group);
  return leaves.length > BIG_GRAPH ? layoutBig(model) : layoutSmall(model);
}

function layoutSmall(model: GraphModel): Layout {
  const hasGroups = model.nodes.some((n) => n.group);
  const g = new Graph({ compound: hasGroups, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 48, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of model.nodes) {
    if (n.group) {
      g.setNode(n.id, { label: n.label, paddingTop: GROUP_PAD.top, paddingLeft: GROUP_PAD.side, paddingRight: GROUP_PAD.side, paddingBottom: GROUP_PAD.bottom });
    } else {
      g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
    }
  }
  if (hasGroups) {
    for (const n of model.nodes) if (n.parent && g.hasNode(n.parent)) g.setParent(n.id, n.parent);
  }
  for (const e of model.edges) {
    if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to, { weight: e.critical ? 4 : 1 });
  }
  dagreLayout(g);
  const nodes = new Map<string, Box>();
  for (const id of g.nodes()) {
    const n = g.node(id) as { x: number; y: number; width: number; height: number } | undefined;
    if (n && Number.isFinite(n.x)) nodes.set(id, { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height });
  }
  const edges = new Map<string, Point[]>();
  for (const e of g.edges()) {
    const label = g.edge(e) as { points?: Point[] } | undefined;
    if (label?.points) edges.set(edgeKey(e.v, e.w), label.points);
  }
  const graph = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: graph.width ?? 0, height: graph.height ?? 0 };
}

/** Each stage's depth in the graph: 0 for those that follow nothing, else one more than its deepest predecessor. */
export function depths(ids: string[], edges: { from: string; to: string }[]): Map<string, number> {
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  const succs = new Map<string, string[]>(ids.map((id) => [id, []]));
  const waiting = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of edges) {
    if (!preds.has(e.to) || !preds.has(e.from)) continue;
    preds.get(e.to)!.push(e.from);
    succs.get(e.from)!.push(e.to);
    waiting.set(e.to, waiting.get(e.to)! + 1);
  }
  const depth = new Map<string, number>();
  const ready = ids.filter((id) => waiting.get(id) === 0);
  for (const id of ready) depth.set(id, 0);
  while (ready.length) {
    const id = ready.pop()!;
    for (const w of succs.get(id)!) {
      depth.set(w, Math.max(depth.get(w) ?? 0, depth.get(id)! + 1));
      const left = waiting.get(w)! - 1;
      waiting.set(w, left);
      if (left === 0) ready.push(w);
    }
  }
  for (const id of ids) if (!depth.has(id)) depth.set(id, 0); // not reached: a cycle, which a run cannot have
  return depth;
}

function layoutBig(model: GraphModel): Layout {
  const leaves = model.nodes.filter((n) => !n.group);
  const ids = leaves.map((n) => n.id);
  const depth = depths(ids, model.edges);
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 10, ranksep: 36, marginx: 16, marginy: 16 + GROUP_PAD.top, ranker: 'none' });
  g.setDefaultEdgeLabel(() => ({}));
  // dagre doubles every edge's length to make room for labels: ranks given to it are doubled alike
  for (const id of ids) g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT, rank: 2 * depth.get(id)! });
  const best = new Map<string, { from: string; critical: boolean }>();
  for (const e of model.edges) {
    if (!depth.has(e.from) || !depth.has(e.to)) continue;
    const now = best.get(e.to);
    const d = depth.get(e.from)!;
    if (!now || d > depth.get(now.from)! || (d === depth.get(now.from)! && e.critical && !now.critical)) {
      best.set(e.to, { from: e.from, critical: e.critical });
    }
  }
  for (const [to, e] of best) g.setEdge(e.from, to);
  // one ordering sweep strategy instead of several: the skeleton has few crossings to remove
  dagreLayout(g, { disableOptimalOrderHeuristic: true } as Parameters<typeof dagreLayout>[1]);
  const nodes = new Map<string, Box>();
  for (const id of ids) {
    const n = g.node(id) as { x: number; y: number };
    nodes.set(id, { x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  const edges = new Map<string, Point[]>();
  for (const e of model.edges) {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (!a || !b) continue;
    const skeleton = best.get(e.to)?.from === e.from ? (g.edge(e.from, e.to) as { points?: Point[] }).points : undefined;
    edges.set(
      edgeKey(e.from, e.to),
      skeleton ?? [
        { x: a.x + a.width, y: a.y + a.height / 2 },
        { x: b.x, y: b.y + b.height / 2 },
      ],
    );
  }
  // groups: the box around their stages, innermost first so that outer ones grow around inner ones
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const groups = model.nodes.filter((n) => n.group);
  const level = (id: string): number => {
    let d = 0;
    for (let p = byId.get(id)?.parent; p; p = byId.get(p)?.parent) d++;
    return d;
  };
  groups.sort((x, y) => level(y.id) - level(x.id));
  for (const grp of groups) {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const n of model.nodes) {
      if (n.parent !== grp.id) continue;
      const box = nodes.get(n.id);
      if (!box) continue;
      x0 = Math.min(x0, box.x);
      y0 = Math.min(y0, box.y);
      x1 = Math.max(x1, box.x + box.width);
      y1 = Math.max(y1, box.y + box.height);
    }
    if (x0 !== Infinity) {
      nodes.set(grp.id, {
        x: x0 - GROUP_PAD.side,
        y: y0 - GROUP_PAD.top,
        width: x1 - x0 + 2 * GROUP_PAD.side,
        height: y1 - y0 + GROUP_PAD.top + GROUP_PAD.bottom,
      });
    }
  }
  const graph = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: graph.width ?? 0, height: graph.height ?? 0 };
}
