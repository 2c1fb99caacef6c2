import { describe, expect, it } from 'vitest';
import { depths, edgeKey, layoutGraph } from './layout';
import type { GraphModel, GraphNode } from './model';

const node = (id: string, more: Partial<GraphNode> = {}): GraphNode => ({
  id,
  label: id,
  status: 'SUCCEEDED',
  look: { label: 'succeeded', icon: '✔', cls: 'succeeded' },
  duration: '1 s',
  subtitle: '',
  parent: null,
  group: false,
  critical: false,
  bottleneck: false,
  ...more,
});

describe('layoutGraph', () => {
  it('lays a diamond out left to right with a route for every edge', () => {
    const model: GraphModel = {
      nodes: [node('a'), node('b'), node('c'), node('d')],
      edges: [
        { from: 'a', to: 'b', kind: 'needs', critical: true },
        { from: 'a', to: 'c', kind: 'needs', critical: false },
        { from: 'b', to: 'd', kind: 'needs', critical: true },
        { from: 'c', to: 'd', kind: 'needs', critical: false },
      ],
      shape: '',
    };
    const layout = layoutGraph(model);
    const x = (id: string) => layout.nodes.get(id)!.x;
    expect(x('a')).toBeLessThan(x('b'));
    expect(x('b')).toBeLessThan(x('d'));
    expect(x('b')).toBe(x('c'));
    for (const e of model.edges) expect(layout.edges.get(edgeKey(e.from, e.to))?.length).toBeGreaterThan(1);
  });

  it('puts a group around its stages', () => {
    const model: GraphModel = {
      nodes: [node('g', { group: true }), node('x', { parent: 'g' }), node('y', { parent: 'g' })],
      edges: [{ from: 'x', to: 'y', kind: 'sequence', critical: false }],
      shape: '',
    };
    const layout = layoutGraph(model);
    const g = layout.nodes.get('g')!;
    for (const id of ['x', 'y']) {
      const b = layout.nodes.get(id)!;
      expect(b.x).toBeGreaterThanOrEqual(g.x);
      expect(b.x + b.width).toBeLessThanOrEqual(g.x + g.width);
    }
  });
});

describe('layoutGraph of a big run', () => {
  it('keeps every edge pointing right and lays every stage out', () => {
    const n = 400;
    const nodes = Array.from({ length: n }, (_, i) => node(`s${i}`));
    const edges = [];
    for (let i = 1; i < n; i++) {
      edges.push({ from: `s${Math.floor((i - 1) / 3)}`, to: `s${i}`, kind: 'needs', critical: false });
      if (i > 10) edges.push({ from: `s${i - 7}`, to: `s${i}`, kind: 'needs', critical: false });
    }
    const layout = layoutGraph({ nodes, edges, shape: '' });
    expect(layout.nodes.size).toBe(n);
    for (const e of edges) {
      expect(layout.nodes.get(e.from)!.x).toBeLessThan(layout.nodes.get(e.to)!.x);
      expect(layout.edges.get(edgeKey(e.from, e.to))!.length).toBeGreaterThan(1);
    }
  });

  it('ranks a stage one past its deepest predecessor', () => {
    const d = depths(['a', 'b', 'c', 'd'], [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'a', to: 'c' },
      { from: 'a', to: 'd' },
    ]);
    expect(Object.fromEntries(d)).toEqual({ a: 0, b: 1, c: 2, d: 1 });
  });
});
