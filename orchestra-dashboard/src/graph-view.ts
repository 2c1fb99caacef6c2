// The run graph: an SVG of the dagre layout, with pan (drag), zoom (wheel, buttons) and fit.
import { clear, h, s } from './dom';
import { edgeKey, layoutGraph, type Layout, NODE_HEIGHT, NODE_WIDTH } from './layout';
import type { GraphModel, GraphNode } from './model';

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export class GraphView {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly viewport: SVGGElement;
  private layout: Layout | null = null;
  private shape = '';
  private scale = 1;
  private tx = 0;
  private ty = 0;
  private selected: string | null = null;
  private readonly nodes = new Map<string, SVGGElement>();

  constructor(private readonly onSelect: (id: string) => void) {
    this.svg = s('svg', { class: 'graph', role: 'img', 'aria-label': 'run graph' });
    const defs = s('defs');
    for (const [id, cls] of [
      ['arrow', 'arrow'],
      ['arrow-critical', 'arrow critical'],
    ]) {
      defs.append(
        s(
          'marker',
          { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
          s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: cls }),
        ),
      );
    }
    this.viewport = s('g', { class: 'viewport' });
    this.svg.append(defs, this.viewport);
    const zoom = (f: number) => () => this.zoomAt(f, this.svg.clientWidth / 2, this.svg.clientHeight / 2);
    const tools = h(
      'div',
      { class: 'graph-tools' },
      h('button', { type: 'button', title: 'Zoom in', onclick: zoom(1.25) }, '+'),
      h('button', { type: 'button', title: 'Zoom out', onclick: zoom(0.8) }, '−'),
      h('button', { type: 'button', class: 'fit', title: 'Fit the graph to the window', onclick: () => this.fit() }, 'Fit'),
    );
    this.element = h('div', { class: 'graph-pane' }, tools);
    this.element.append(this.svg);
    this.listen();
  }

  /** Draws {@code model}; lays it out again only when its shape changed. */
  update(model: GraphModel): void {
    if (model.shape !== this.shape || !this.layout) {
      const first = this.layout === null;
      this.shape = model.shape;
      this.layout = layoutGraph(model);
      this.render(model, this.layout);
      if (first) this.fit();
    } else {
      for (const n of model.nodes) {
        const g = this.nodes.get(n.id);
        if (g) this.decorate(g, n);
      }
      this.markEdges(model);
    }
  }

  select(id: string | null): void {
    this.selected = id;
    for (const [nid, g] of this.nodes) g.classList.toggle('selected', nid === id);
  }

  private render(model: GraphModel, layout: Layout): void {
    clear(this.viewport);
    this.nodes.clear();
    const groups = s('g', { class: 'groups' });
    const edges = s('g', { class: 'edges' });
    const nodes = s('g', { class: 'nodes' });
    const depth = new Map<string, number>();
    const byId = new Map(model.nodes.map((n) => [n.id, n]));
    const depthOf = (n: GraphNode): number => {
      let d = 0;
      for (let p = n.parent; p; p = byId.get(p)?.parent ?? null) d++;
      return d;
    };
    const groupNodes = model.nodes.filter((n) => n.group);
    for (const n of groupNodes) depth.set(n.id, depthOf(n));
    groupNodes.sort((a, b) => (depth.get(a.id) ?? 0) - (depth.get(b.id) ?? 0));
    for (const n of groupNodes) {
      const box = layout.nodes.get(n.id);
      if (!box) continue;
      const g = s(
        'g',
        { class: 'group', 'data-id': n.id, 'data-name': n.label, transform: `translate(${box.x},${box.y})` },
        s('rect', { width: box.width, height: box.height, rx: 8 }),
        s('text', { class: 'icon', x: 10, y: 18 }),
        s('text', { class: 'name', x: 26, y: 18 }, truncate(n.label, Math.max(8, Math.floor(box.width / 8)))),
        s('text', { class: 'duration', x: box.width - 10, y: 18, 'text-anchor': 'end' }),
        s('title'),
      );
      g.addEventListener('click', (e) => {
        e.stopPropagation();
        this.onSelect(n.id);
      });
      this.decorate(g, n);
      this.nodes.set(n.id, g);
      groups.append(g);
    }
    for (const e of model.edges) {
      const points = layout.edges.get(edgeKey(e.from, e.to));
      if (!points || points.length === 0) continue;
      const d = points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
      edges.append(s('path', { class: `edge ${e.kind}`, d, 'data-from': e.from, 'data-to': e.to }));
    }
    for (const n of model.nodes) {
      if (n.group) continue;
      const box = layout.nodes.get(n.id);
      if (!box) continue;
      const g = s(
        'g',
        { class: 'node', 'data-id': n.id, 'data-name': n.label, transform: `translate(${box.x},${box.y})` },
        s('rect', { width: NODE_WIDTH, height: NODE_HEIGHT, rx: 6 }),
        s('text', { class: 'icon', x: 10, y: 20 }),
        s('text', { class: 'name', x: 26, y: 20 }, truncate(n.label, 17)),
        s('text', { class: 'duration', x: NODE_WIDTH - 8, y: 20, 'text-anchor': 'end' }),
        s('text', { class: 'subtitle', x: 10, y: 39 }),
        s('title'),
      );
      g.addEventListener('click', (ev) => {
        ev.stopPropagation();
        this.onSelect(n.id);
      });
      this.decorate(g, n);
      this.nodes.set(n.id, g);
      nodes.append(g);
    }
    this.viewport.append(groups, edges, nodes);
    this.markEdges(model);
    this.select(this.selected);
  }

  /** Status colour (class), icon, status text, duration, note: what changes while a run goes on. */
  private decorate(g: SVGGElement, n: GraphNode): void {
    g.setAttribute('class', `${g.classList.contains('group') ? 'group' : 'node'} st-${n.look.cls}`);
    g.classList.toggle('critical', n.critical);
    g.classList.toggle('bottleneck', n.bottleneck);
    g.classList.toggle('selected', n.id === this.selected);
    g.setAttribute('data-status', n.status);
    const [icon, , duration, subtitle, title] = [
      g.querySelector('.icon'),
      null,
      g.querySelector('.duration'),
      g.querySelector('.subtitle'),
      g.querySelector('title'),
    ];
    if (icon) icon.textContent = n.look.icon;
    if (duration) duration.textContent = n.duration === '—' ? '' : n.duration;
    const text = n.bottleneck ? `bottleneck · ${n.subtitle || n.look.label}` : n.subtitle || n.look.label;
    if (subtitle) subtitle.textContent = truncate(text, 33);
    if (title) title.textContent = `${n.label}: ${n.look.label}${n.duration !== '—' ? `, ${n.duration}` : ''}${n.subtitle ? ` — ${n.subtitle}` : ''}${n.critical ? ' (critical path)' : ''}`;
  }

  private markEdges(model: GraphModel): void {
    const critical = new Set(model.edges.filter((e) => e.critical).map((e) => edgeKey(e.from, e.to)));
    for (const p of this.viewport.querySelectorAll<SVGPathElement>('path.edge')) {
      const on = critical.has(edgeKey(p.dataset.from ?? '', p.dataset.to ?? ''));
      p.classList.toggle('critical', on);
      p.setAttribute('marker-end', on ? 'url(#arrow-critical)' : 'url(#arrow)');
    }
  }

  fit(): void {
    if (!this.layout) return;
    const w = this.svg.clientWidth || 800;
    const hgt = this.svg.clientHeight || 500;
    const k = Math.min(1.2, Math.max(0.02, Math.min(w / (this.layout.width || 1), hgt / (this.layout.height || 1)) * 0.95));
    this.scale = k;
    this.tx = (w - this.layout.width * k) / 2;
    this.ty = (hgt - this.layout.height * k) / 2;
    this.apply();
  }

  private zoomAt(factor: number, cx: number, cy: number): void {
    const k = Math.min(4, Math.max(0.02, this.scale * factor));
    this.tx = cx - ((cx - this.tx) * k) / this.scale;
    this.ty = cy - ((cy - this.ty) * k) / this.scale;
    this.scale = k;
    this.apply();
  }

  private apply(): void {
    this.viewport.setAttribute('transform', `translate(${this.tx.toFixed(1)},${this.ty.toFixed(1)}) scale(${this.scale.toFixed(4)})`);
    this.svg.classList.toggle('far', this.scale < 0.45);
  }

  private listen(): void {
    this.svg.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const r = this.svg.getBoundingClientRect();
        this.zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
      },
      { passive: false },
    );
    let drag: { x: number; y: number; tx: number; ty: number } | null = null;
    this.svg.addEventListener('pointerdown', (e) => {
      if ((e.target as Element).closest('.node,.group')) return;
      drag = { x: e.clientX, y: e.clientY, tx: this.tx, ty: this.ty };
      this.svg.setPointerCapture(e.pointerId);
      this.svg.classList.add('dragging');
    });
    this.svg.addEventListener('pointermove', (e) => {
      if (!drag) return;
      this.tx = drag.tx + e.clientX - drag.x;
      this.ty = drag.ty + e.clientY - drag.y;
      this.apply();
    });
    const end = () => {
      drag = null;
      this.svg.classList.remove('dragging');
    };
    this.svg.addEventListener('pointerup', end);
    this.svg.addEventListener('pointercancel', end);
  }
}
