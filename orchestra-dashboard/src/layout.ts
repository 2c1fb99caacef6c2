// Lays a graph model out with dagre (@dagrejs/dagre): stages left to right, groups as compound nodes.
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import type { GraphModel } from './model';

export const NODE_WIDTH = 188;
export const NODE_HEIGHT = 50;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  nodes: Map<string, Box>;
  edges: Map<string, { x: number; y: number }[]>;
  width: number;
  height: number;
}

export function edgeKey(from: string, to: string): string {
  return `${from}>${to}`;
}

export function layoutGraph(model: GraphModel): Layout {
  const hasGroups = model.nodes.some((n) => n.group);
  const g = new Graph({ compound: hasGroups, multigraph: false });
  const big = model.nodes.length > 300;
  g.setGraph({ rankdir: 'LR', nodesep: big ? 10 : 18, ranksep: big ? 36 : 48, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of model.nodes) {
    if (n.group) {
      g.setNode(n.id, { label: n.label, paddingTop: 28, paddingLeft: 10, paddingRight: 10, paddingBottom: 10 });
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
    if (n && Number.isFinite(n.x)) {
      nodes.set(id, { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height });
    }
  }
  const edges = new Map<string, { x: number; y: number }[]>();
  for (const e of g.edges()) {
    const label = g.edge(e) as { points?: { x: number; y: number }[] } | undefined;
    if (label?.points) edges.set(edgeKey(e.v, e.w), label.points);
  }
  const graph = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: graph.width ?? 0, height: graph.height ?? 0 };
}
