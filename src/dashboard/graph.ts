// Who invests in, designs for, buys from and partners with whom: the API's graph, drawn as SVG with a force layout.
// Edges are paged by the API ordered by type, so each type is asked for on its own, a page at a time: the first
// screen shows every kind of relation even when one kind has thousands of edges (a 100× database). Selecting a
// company narrows the graph to it and its neighbours; every edge opens the sentences it comes from.
import type { AtlasClient, components, GraphEdge, GraphNode } from '../client/index.js';
import { byId, h, onActivationKey, replace, s } from './dom.js';
import { compactUsd, langOf, nameOf, onLanguageChange } from './format.js';
import { count, pick, t, type Words } from './i18n.js';
import { openRecord } from './records.js';
import { layoutGraph, type Point } from './layout.js';
import { openSources } from './sources.js';
import { showError } from './status.js';

type EdgeType = components['schemas']['GraphEdgeType'];

/**
 * Per type and page: 15 of each fill the picture without crowding it (and hold every relation of the article,
 * whose largest kind has 14); "Show more relations" brings the next 15 of each kind that has more.
 */
const PAGE_SIZE = 15;
/** When the canvas has no width yet (not laid out), draw for this one. */
const FALLBACK_WIDTH = 960;
/**
 * The narrowest the graph is drawn: on a phone the busiest part, squeezed to the screen, shrank to 150 px wide with
 * its labels on top of each other. Narrower screens scroll it sideways instead, and say so.
 */
const MIN_WIDTH = 640;

/** Drawn in this order (later on top), and listed in this order in the legend. */
const EDGE_TYPES: readonly { type: EdgeType; label: Words }[] = [
  { type: 'designs', label: { en: 'designs', ko: '설계' } },
  { type: 'partners_with', label: { en: 'partners with / makes', ko: '협력 / 생산' } },
  { type: 'customer_of', label: { en: 'buys from / runs', ko: '구매 / 도입' } },
  { type: 'invests_in', label: { en: 'invests in', ko: '투자' } },
  { type: 'acquired', label: { en: 'acquires', ko: '인수' } },
];

/** What the node marks mean, for the legend. */
const NODE_MARKS: readonly { mark: string; label: Words }[] = [
  { mark: 'company', label: { en: 'company', ko: '기업' } },
  { mark: 'startup', label: { en: 'startup', ko: '스타트업' } },
  { mark: 'investor', label: { en: 'investor', ko: '투자자' } },
  { mark: 'chip', label: { en: 'chip', ko: '칩' } },
];

interface TypeState {
  enabled: boolean;
  cursor: string | null;
  loaded: boolean;
  total: number;
}

/** Labels longer than this are cut (the full one is in the node's tooltip): an unnamed party is a sentence. */
const LABEL_LENGTH = 26;

/** A node's label as names are shown: Korean when chosen and known. */
const named = (node: GraphNode) => ({ name: node.label, nameKo: node.labelKo });

function labelOf(node: GraphNode): string {
  const label = nameOf(named(node));
  return label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1).trimEnd()}…` : label;
}

const langOfNode = (node: GraphNode) => langOf(named(node));

/** The edge as a sentence: "Samsung invests in d-Matrix". */
function verb(edge: GraphEdge, target: GraphNode): string {
  switch (edge.type) {
    case 'designs':
      return 'designs';
    case 'partners_with':
      return edge.role === 'manufacturer' ? 'makes' : edge.role === 'co_developer' ? 'co-develops' : 'partners with';
    case 'invests_in':
      return 'invests in';
    case 'customer_of':
      return target.type === 'chip' ? 'runs' : 'buys from';
    case 'acquired':
      return { completed: 'acquired', announced: 'announced acquiring', ongoing: 'is acquiring', considering: 'is considering acquiring', planned: 'plans to acquire' }[
        edge.status ?? 'completed'
      ];
  }
}

export function initGraph(atlas: AtlasClient): Promise<void> {
  const types = new Map<EdgeType, TypeState>(EDGE_TYPES.map(({ type }) => [type, { enabled: true, cursor: null, loaded: false, total: 0 }]));
  let nodes = new Map<string, GraphNode>();
  let edges = new Map<string, GraphEdge>();
  let positions = new Map<string, Point>();
  let size = { width: FALLBACK_WIDTH, height: 0 };
  let focus: GraphNode | null = null;
  /** Only the latest load may draw: a change of focus or of types supersedes the loads before it. */
  let generation = 0;

  function reset(): void {
    generation += 1;
    nodes = new Map();
    edges = new Map();
    positions = new Map();
    for (const state of types.values()) Object.assign(state, { cursor: null, loaded: false, total: 0 });
  }

  async function loadMore(): Promise<void> {
    const current = generation;
    const wanted = [...types].filter(([, state]) => state.enabled && (!state.loaded || state.cursor !== null));
    const pages = await Promise.all(
      wanted.map(async ([type, state]) => {
        const { data } = await atlas.get('/v1/graph', {
          query: {
            edgeType: type,
            limit: PAGE_SIZE,
            count: 'true',
            ...(state.cursor ? { cursor: state.cursor } : {}),
            ...(focus?.slug ? { vendor: focus.slug } : {}),
          },
        });
        return { state, data };
      }),
    );
    if (current !== generation) return;
    for (const { state, data } of pages) {
      for (const node of data.nodes) nodes.set(node.id, node);
      for (const edge of data.edges) edges.set(edge.id, edge);
      state.loaded = true;
      state.cursor = data.page.nextCursor;
      state.total = data.page.totalCount ?? state.total;
    }
    layout();
    render();
  }

  function layout(): void {
    const visible = [...edges.values()].filter((edge) => types.get(edge.type)!.enabled);
    const ids = [...new Set(visible.flatMap((edge) => [edge.source, edge.target]))];
    // Drawn at the canvas's own width, so text in the SVG is the size the stylesheet says; never narrower than
    // MIN_WIDTH, scrolled sideways on a phone.
    // Less the drawing's own border, so a graph that fits the panel does not scroll by two pixels.
    const available = (byId('graph-canvas').clientWidth || FALLBACK_WIDTH) - 2;
    const width = Math.max(MIN_WIDTH, available);
    byId('graph-scroll-hint').hidden = available >= MIN_WIDTH;
    const laid = layoutGraph(ids, visible, { width });
    positions = laid.positions;
    size = { width, height: laid.height };
  }

  function openEdge(edge: GraphEdge, sentence: string): void {
    // The edge carries its passages whole: nothing more to fetch.
    void openSources(sentence, Promise.resolve(edge.sources));
  }

  function openChip(node: GraphNode): void {
    const slug = node.slug;
    if (!slug) return;
    const chip = atlas.get('/v1/chips/{slug}', { path: { slug }, fields: ['sources'] }).then(({ data }) => data.sources);
    void openSources(h('span', { lang: langOfNode(node) }, `${labelOf(node)} — chip`), chip);
  }

  function setFocus(node: GraphNode | null): void {
    focus = node;
    reset();
    void loadMore().catch((error: unknown) => showError(byId('graph-canvas'), error));
  }

  function render(): void {
    const visible = [...edges.values()].filter((edge) => types.get(edge.type)!.enabled && positions.has(edge.source) && positions.has(edge.target));
    // Parallel edges (two rounds between one investor and one company) bend apart instead of overlapping.
    const parallel = new Map<string, GraphEdge[]>();
    for (const edge of visible) {
      const key = [edge.source, edge.target].sort().join('|');
      parallel.set(key, [...(parallel.get(key) ?? []), edge]);
    }
    const drawn = [...positions.keys()].map((id) => nodes.get(id)!).filter(Boolean);
    // An investor is whoever invests in someone drawn here, whatever its kind: Samsung and Microsoft as well as
    // SoftBank. (Marked by kind, the colour once fell on two of the nine investors.)
    const investors = new Set(visible.filter((edge) => edge.type === 'invests_in').map((edge) => edge.source));
    const svg = s(
      'svg',
      { viewBox: `0 0 ${size.width} ${size.height}`, width: size.width, height: size.height, class: 'graph', role: 'group', 'aria-label': 'Who invests in, designs for and buys from whom' },
      s(
        'defs',
        {},
        EDGE_TYPES.map(({ type }) =>
          s(
            'marker',
            { id: `arrow-${type}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', class: `marker-${type}` },
            s('path', { d: 'M0,0L10,5L0,10z' }),
          ),
        ),
      ),
      s(
        'g',
        { class: 'edges' },
        EDGE_TYPES.flatMap(({ type }) => visible.filter((edge) => edge.type === type)).map((edge) => {
          const from = positions.get(edge.source)!;
          const to = positions.get(edge.target)!;
          const siblings = parallel.get([edge.source, edge.target].sort().join('|'))!;
          const bend = (siblings.indexOf(edge) - (siblings.length - 1) / 2) * 18 * (edge.source < edge.target ? 1 : -1);
          const length = Math.max(1, Math.hypot(to.x - from.x, to.y - from.y));
          const normal = { x: -(to.y - from.y) / length, y: (to.x - from.x) / length };
          const control = { x: (from.x + to.x) / 2 + normal.x * bend, y: (from.y + to.y) / 2 + normal.y * bend };
          // Stop short of the target node so the arrowhead shows.
          const back = Math.max(1, Math.hypot(to.x - control.x, to.y - control.y));
          const end = { x: to.x - ((to.x - control.x) / back) * 9, y: to.y - ((to.y - control.y) / back) * 9 };
          const d = `M${from.x.toFixed(1)},${from.y.toFixed(1)} Q${control.x.toFixed(1)},${control.y.toFixed(1)} ${end.x.toFixed(1)},${end.y.toFixed(1)}`;
          const source = nodes.get(edge.source)!;
          const target = nodes.get(edge.target)!;
          const amount = edge.amount?.usd ? ` (${compactUsd(Number(edge.amount.usd.amount))})` : '';
          const sentence = `${source.label} ${verb(edge, target)} ${target.label}${amount}`;
          const open = () => openEdge(edge, sentence);
          return s(
            'g',
            {
              class: `edge edge-${edge.type}`,
              'data-edge': edge.id,
              tabindex: 0,
              role: 'button',
              'aria-label': `${sentence}. Open the sentences.`,
              onclick: open,
              onkeydown: onActivationKey(open),
            },
            s('title', {}, sentence),
            s('path', { d, class: 'edge-hit' }),
            s('path', { d, class: 'edge-line', 'marker-end': `url(#arrow-${edge.type})` }),
          );
        }),
      ),
      s(
        'g',
        { class: 'nodes' },
        drawn.map((node) => {
          const at = positions.get(node.id)!;
          const isVendor = node.type === 'vendor';
          const action = isVendor ? `Show only ${node.label} and its neighbours` : node.type === 'chip' ? 'Open its sentences' : null;
          const activate = () => (isVendor ? setFocus(node) : node.type === 'chip' ? openChip(node) : undefined);
          return s(
            'g',
            {
              class: `node node-${node.type}${node.kind ? ` kind-${node.kind}` : ''}${investors.has(node.id) ? ' role-investor' : ''}${focus?.id === node.id ? ' focused' : ''}`,
              'data-node': node.id,
              transform: `translate(${at.x.toFixed(1)},${at.y.toFixed(1)})`,
              ...(action ? { tabindex: 0, role: 'button', 'aria-label': `${node.label}: ${action}`, onclick: activate } : {}),
              onkeydown: onActivationKey(activate),
            },
            s('title', {}, `${node.label}${node.labelKo ? ` · ${node.labelKo}` : ''}${action ? ` — ${action.toLowerCase()}` : ''}`),
            node.type === 'chip'
              ? s('rect', { x: -5, y: -5, width: 10, height: 10, rx: 2, class: 'node-mark' })
              : s('circle', { r: isVendor ? 7 : 6, class: 'node-mark' }),
            s('text', { x: 10, y: 4, class: 'node-label', lang: langOfNode(node) }, labelOf(node)),
          );
        }),
      ),
    );
    replace(byId('graph-canvas'), visible.length === 0 ? h('p', { class: 'muted' }, t('noRelation')) : svg);

    const enabled = [...types.values()].filter((state) => state.enabled);
    const total = enabled.reduce((sum, state) => sum + state.total, 0);
    replace(
      byId('graph-summary'),
      `${visible.length.toLocaleString('en-US')} / ${count(total, 'relation')} · ${count(drawn.length, 'node')}`,
    );
    byId<HTMLButtonElement>('graph-more').hidden = !enabled.some((state) => state.cursor !== null);
    replace(
      byId('graph-focus'),
      focus
        ? [
            `${t('around')} `,
            h('strong', { lang: langOfNode(focus) }, labelOf(focus)),
            ' · ',
            focus.slug ? h('button', { type: 'button', class: 'link', id: 'graph-open', onclick: () => openRecord('vendor', focus!.slug!) }, t('openCompany')) : null,
            ' · ',
            h('button', { type: 'button', class: 'link', id: 'graph-unfocus', onclick: () => setFocus(null) }, t('everyCompany')),
          ]
        : t('graphHint'),
    );
  }

  function renderLegend(): void {
    replace(
      byId('graph-legend'),
      EDGE_TYPES.map(({ type, label }) =>
        h(
          'label',
          { class: `legend-item legend-${type}` },
          h('input', {
            type: 'checkbox',
            checked: types.get(type)!.enabled,
            value: type,
            onchange: (event: Event) => {
              types.get(type)!.enabled = (event.target as HTMLInputElement).checked;
              if (types.get(type)!.enabled && !types.get(type)!.loaded) void loadMore().catch((error: unknown) => showError(byId('graph-canvas'), error));
              else {
                layout();
                render();
              }
            },
          }),
          h('span', { class: 'swatch', 'aria-hidden': 'true' }),
          pick(label),
        ),
      ),
      h(
        'span',
        { class: 'legend-nodes muted', 'aria-hidden': 'true' },
        NODE_MARKS.map(({ mark, label }) => [h('span', { class: `dot dot-${mark}` }), pick(label)]),
      ),
    );
  }
  renderLegend();
  // A new width lays the parts out again in rows that fit it.
  let resizing: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      if (Math.max(MIN_WIDTH, (byId('graph-canvas').clientWidth || FALLBACK_WIDTH) - 2) === size.width) return;
      layout();
      render();
    }, 150);
  });
  byId('graph-more').addEventListener('click', () => void loadMore().catch((error: unknown) => showError(byId('graph-canvas'), error)));
  onLanguageChange(() => {
    renderLegend();
    render();
  });
  return loadMore().catch((error: unknown) => showError(byId('graph-canvas'), error));
}
