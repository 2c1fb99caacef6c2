// The run graph: an SVG of the dagre layout, with pan (drag), zoom (wheel, buttons) and fit.
import { h, s } from './dom';
import { BIG_GRAPH, edgeKey, layoutGraph, type Layout, NODE_HEIGHT, NODE_WIDTH } from './layout';
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
    this.viewport.addEventListener('click', (e) => {
      const target = (e.target as Element).closest('g[data-id]');
      if (target) {
        e.stopPropagation();
        this.onSelect(target.getAttribute('data-id') ?? '');
      }
    });
    this.listen();
  }

  /** Draws {@code model}; lays it out again only when its shape changed. */
  update(model: GraphModel): void {
    if (model.shape !== this.shape || !this.layout) {
      const first = this.layout === null;
      this.shape = model.shape;
      this.layout = layoutGraph(model);
      performance.mark('orchestra-laid-out');
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

  /** Builds the SVG as markup in one go: a thousand stages and their edges take a fraction of the DOM calls. */
  private render(model: GraphModel, layout: Layout): void {
    this.nodes.clear();
    const byId = new Map(model.nodes.map((n) => [n.id, n]));
    const level = (n: GraphNode): number => {
      let d = 0;
      for (let p = n.parent; p; p = byId.get(p)?.parent ?? null) d++;
      return d;
    };
    const groups = model.nodes.filter((n) => n.group).sort((a, b) => level(a) - level(b));
    const big = model.nodes.length > BIG_GRAPH;
    const out: string[] = ['<g class="groups">'];
    for (const n of groups) {
      const box = layout.nodes.get(n.id);
      if (!box) continue;
      out.push(
        `<g class="${classes('group', n, this.selected)}" data-id="${esc(n.id)}" data-name="${esc(n.label)}" data-status="${n.status}" transform="translate(${box.x.toFixed(1)},${box.y.toFixed(1)})">`,
        `<rect width="${box.width.toFixed(1)}" height="${box.height.toFixed(1)}" rx="8"></rect>`,
        `<text class="icon" x="10" y="18">${esc(n.look.icon)}</text>`,
        `<text class="name" x="26" y="18">${esc(truncate(n.label, Math.max(8, Math.floor(box.width / 8))))}</text>`,
        `<text class="duration" x="${(box.width - 10).toFixed(1)}" y="18" text-anchor="end">${esc(n.duration === '—' ? '' : n.duration)}</text>`,
        `<title>${esc(tooltip(n))}</title></g>`,
      );
    }
    out.push('</g><g class="edges">');
    for (const e of model.edges) {
      const points = layout.edges.get(edgeKey(e.from, e.to));
      if (!points || points.length === 0) continue;
      const d = points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
      out.push(
        `<path class="edge ${e.kind}${e.critical ? ' critical' : ''}" d="${d}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" marker-end="url(#${e.critical ? 'arrow-critical' : 'arrow'})"></path>`,
      );
    }
    out.push('</g><g class="nodes">');
    for (const n of model.nodes) {
      if (n.group) continue;
      const box = layout.nodes.get(n.id);
      if (!box) continue;
      out.push(
        `<g class="${classes('node', n, this.selected)}" data-id="${esc(n.id)}" data-name="${esc(n.label)}" data-status="${n.status}" transform="translate(${box.x.toFixed(1)},${box.y.toFixed(1)})">`,
        `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"></rect>`,
        `<text class="icon" x="10" y="20">${esc(n.look.icon)}</text>`,
        `<text class="name" x="26" y="20">${esc(truncate(n.label, 17))}</text>`,
        `<text class="duration" x="${NODE_WIDTH - 8}" y="20" text-anchor="end">${esc(n.duration === '—' ? '' : n.duration)}</text>`,
        // past BIG_GRAPH stages a plain status is left to the icon and the tooltip: a thousand fewer texts to lay out
        big && !n.subtitle && !n.bottleneck ? '' : `<text class="subtitle" x="10" y="39">${esc(truncate(subtitleOf(n), 33))}</text>`,
        `<title>${esc(tooltip(n))}</title></g>`,
      );
    }
    out.push('</g>');
    this.viewport.innerHTML = out.join('');
    for (const g of this.viewport.querySelectorAll<SVGGElement>('g[data-id]')) this.nodes.set(g.dataset.id ?? '', g);
  }

  /** Status colour (class), icon, status text, duration, note: what changes while a run goes on. */
  private decorate(g: SVGGElement, n: GraphNode): void {
    const cls = classes(g.classList.contains('group') ? 'group' : 'node', n, this.selected);
    if (g.getAttribute('class') !== cls) g.setAttribute('class', cls);
    if (g.getAttribute('data-status') !== n.status) g.setAttribute('data-status', n.status);
    const set = (selector: string, text: string) => {
      const el = g.querySelector(selector);
      if (el && el.textContent !== text) el.textContent = text;
    };
    set('.icon', n.look.icon);
    set('.duration', n.duration === '—' ? '' : n.duration);
    set('.subtitle', truncate(subtitleOf(n), 33));
    set('title', tooltip(n));
  }

  private markEdges(model: GraphModel): void {
    const critical = new Set(model.edges.filter((e) => e.critical).map((e) => edgeKey(e.from, e.to)));
    for (const p of this.viewport.querySelectorAll<SVGPathElement>('path.edge')) {
      const on = critical.has(edgeKey(p.dataset.from ?? '', p.dataset.to ?? ''));
      if (p.classList.contains('critical') !== on) {
        p.classList.toggle('critical', on);
        p.setAttribute('marker-end', on ? 'url(#arrow-critical)' : 'url(#arrow)');
      }
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

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function classes(kind: string, n: GraphNode, selected: string | null): string {
  return `${kind} st-${n.look.cls}${n.critical ? ' critical' : ''}${n.bottleneck ? ' bottleneck' : ''}${n.id === selected ? ' selected' : ''}`;
}

function subtitleOf(n: GraphNode): string {
  return n.bottleneck ? `bottleneck · ${n.subtitle || n.look.label}` : n.subtitle || n.look.label;
}

function tooltip(n: GraphNode): string {
  return `${n.label}: ${n.look.label}${n.duration !== '—' ? `, ${n.duration}` : ''}${n.subtitle ? ` — ${n.subtitle}` : ''}${n.critical ? ' (critical path)' : ''}`;
}
