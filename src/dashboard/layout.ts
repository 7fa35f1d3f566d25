// Where the graph's nodes go. Each connected part of the graph (an investor round's companies, a designer and its
// chips) is laid out on its own by a force-directed layout (Fruchterman and Reingold's: linked nodes pull
// together, all nodes push apart), then the parts are packed in rows, largest first. Laid out as one, the small
// parts drift to the walls and pile their labels up there; packed, each reads on its own. Deterministic: no
// randomness, so the same graph always draws the same way.

export interface Point {
  x: number;
  y: number;
}

export interface GraphLayout {
  positions: Map<string, Point>;
  /** The height the packed parts need at the given width. */
  height: number;
}

export interface LayoutOptions {
  width: number;
}

/** About how far apart linked nodes sit. */
const SPACING = 90;
/** Room kept to the right of each part for the labels of its rightmost nodes. */
const LABEL_ROOM = 150;
/** Room around each part. */
const PADDING = 18;
const ITERATIONS = 250;

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** How hard a part is pulled together, per unit of spacing: enough to keep it round, not so much that it crowds. */
const GRAVITY = 0.016;

/** The connected parts, each a list of node indexes, in order of their first node. */
function components(count: number, pairs: readonly (readonly [number, number])[]): number[][] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const [a, b] of pairs) parent[find(a)] = find(b);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < count; i += 1) {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  }
  return [...groups.values()];
}

/** Fruchterman–Reingold in a square of side `side`; returns positions relative to the square. */
function forceLayout(size: number, pairs: readonly (readonly [number, number])[], side: number, spacing: number, iterations: number): Point[] {
  // A sunflower spiral to start from: spread evenly, and the same every time.
  const positions = Array.from({ length: size }, (_, i) => {
    const radius = (side / 2) * Math.sqrt((i + 0.5) / size);
    return { x: side / 2 + radius * Math.cos(i * GOLDEN_ANGLE), y: side / 2 + radius * Math.sin(i * GOLDEN_ANGLE) };
  });
  if (size < 2) return positions;
  const k = spacing;
  const gravity = GRAVITY * k;
  const displacement = positions.map(() => ({ x: 0, y: 0 }));
  for (let step = 0; step < iterations; step += 1) {
    const temperature = (side / 4) * (1 - step / iterations) + 0.5;
    for (const d of displacement) d.x = d.y = 0;
    for (let a = 0; a < size; a += 1) {
      for (let b = a + 1; b < size; b += 1) {
        const dx = positions[a]!.x - positions[b]!.x;
        const dy = positions[a]!.y - positions[b]!.y;
        const distance = Math.max(0.01, Math.hypot(dx, dy));
        const force = (k * k) / distance;
        displacement[a]!.x += (dx / distance) * force;
        displacement[a]!.y += (dy / distance) * force;
        displacement[b]!.x -= (dx / distance) * force;
        displacement[b]!.y -= (dy / distance) * force;
      }
    }
    for (const [a, b] of pairs) {
      const dx = positions[a]!.x - positions[b]!.x;
      const dy = positions[a]!.y - positions[b]!.y;
      const distance = Math.max(0.01, Math.hypot(dx, dy));
      const force = (distance * distance) / k;
      displacement[a]!.x -= (dx / distance) * force;
      displacement[a]!.y -= (dy / distance) * force;
      displacement[b]!.x += (dx / distance) * force;
      displacement[b]!.y += (dy / distance) * force;
    }
    positions.forEach((position, i) => {
      const d = displacement[i]!;
      // A pull to the middle instead of walls: nodes pressed against a wall line up and their labels collide.
      d.x += (side / 2 - position.x) * gravity;
      d.y += (side / 2 - position.y) * gravity;
      const length = Math.max(0.01, Math.hypot(d.x, d.y));
      const moved = Math.min(length, temperature);
      position.x += (d.x / length) * moved;
      position.y += (d.y / length) * moved;
    });
  }
  return positions;
}

export function layoutGraph(ids: readonly string[], links: readonly { source: string; target: string }[], options: LayoutOptions): GraphLayout {
  const { width } = options;
  const index = new Map(ids.map((id, i) => [id, i]));
  const pairs = links.flatMap((link) => {
    const a = index.get(link.source);
    const b = index.get(link.target);
    return a === undefined || b === undefined || a === b ? [] : [[a, b] as const];
  });
  const parts = components(ids.length, pairs)
    .map((members) => {
      const local = new Map(members.map((member, i) => [member, i]));
      const localPairs = pairs.filter(([a]) => local.has(a)).map(([a, b]) => [local.get(a)!, local.get(b)!] as const);
      const side = SPACING * Math.sqrt(members.length) * 1.15;
      const placed = forceLayout(members.length, localPairs, side, SPACING, ITERATIONS);
      const minX = Math.min(...placed.map((p) => p.x));
      const minY = Math.min(...placed.map((p) => p.y));
      const naturalWidth = Math.max(...placed.map((p) => p.x)) - minX;
      // A part wider than the drawing (only at scales the first pages never reach) is squeezed to fit it.
      const scale = Math.min(1, Math.max(1, width - LABEL_ROOM - 2 * PADDING) / Math.max(1, naturalWidth));
      const boxWidth = naturalWidth * scale;
      const boxHeight = (Math.max(...placed.map((p) => p.y)) - minY) * scale;
      return { members, placed: placed.map((p) => ({ x: (p.x - minX) * scale, y: (p.y - minY) * scale })), boxWidth, boxHeight };
    })
    // Largest first; among equals, in the order the graph gave them, so the drawing never reshuffles by chance.
    .sort((a, b) => b.members.length - a.members.length || a.members[0]! - b.members[0]!);

  const positions = new Map<string, Point>();
  let x = 0;
  let y = 0;
  let shelf = 0;
  for (const part of parts) {
    const outerWidth = part.boxWidth + LABEL_ROOM + 2 * PADDING;
    const outerHeight = part.boxHeight + 2 * PADDING;
    if (x > 0 && x + outerWidth > width) {
      x = 0;
      y += shelf;
      shelf = 0;
    }
    part.members.forEach((member, i) => {
      positions.set(ids[member]!, { x: x + PADDING + part.placed[i]!.x, y: y + PADDING + part.placed[i]!.y });
    });
    x += outerWidth;
    shelf = Math.max(shelf, outerHeight);
  }
  return { positions, height: Math.ceil(y + shelf) };
}
