// Quality vs $ per 1,000 requests as a standalone SVG (plot 2, RouterBench /
// FrugalGPT style): S and L as points, the oracle as a star, each policy's curve, the Zero-router line
// from S to L, and the chosen operating point ringed. Pure: input in, SVG text out, no dependencies.
// Every piece of caller text is XML-escaped; points with a non-finite coordinate are left out.

export interface PlotPoint {
  readonly costPer1k: number;
  readonly quality: number;
}

export interface PlotCurve {
  readonly label: string;
  readonly points: readonly PlotPoint[];
}

export interface RoutingPlotInput {
  readonly title?: string;
  readonly s: PlotPoint;
  readonly l: PlotPoint;
  readonly oracle?: PlotPoint;
  readonly curves: readonly PlotCurve[];
  readonly chosen?: PlotPoint & { readonly label: string };
  /** Pixels; 640 × 420 by default. */
  readonly width?: number;
  readonly height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'] as const;
const MARGIN = { left: 64, right: 150, top: 36, bottom: 48 } as const;

/** Escapes the five XML special characters. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

const num = (x: number): string => (Math.round(x * 100) / 100).toString();
const finite = (p: PlotPoint): boolean => Number.isFinite(p.costPer1k) && Number.isFinite(p.quality);

/** About `count` round tick values (steps of 1, 2 or 5 × 10^k, the one nearest span/count, as d3) inside [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const err = raw / mag;
  const step = (err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.sqrt(2) ? 2 : 1) * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Data range with 5% padding; a zero-width range is widened so the scale stays finite. */
function extent(values: readonly number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.1, 0.01);
  return [lo - pad, hi + pad];
}

interface Frame {
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
  readonly xr: readonly [number, number];
  readonly yr: readonly [number, number];
  readonly w: number;
  readonly h: number;
}

function frameFor(points: readonly PlotPoint[], w: number, h: number): Frame {
  const xr = extent(points.map((p) => p.costPer1k));
  const yr = extent(points.map((p) => p.quality));
  const pw = w - MARGIN.left - MARGIN.right;
  const ph = h - MARGIN.top - MARGIN.bottom;
  return {
    xr, yr, w, h,
    x: (v) => MARGIN.left + ((v - xr[0]) / (xr[1] - xr[0])) * pw,
    y: (v) => MARGIN.top + ph - ((v - yr[0]) / (yr[1] - yr[0])) * ph,
  };
}

/** Tick label text: dollars with the decimals the step needs, quality to the step's precision. */
function tickLabel(v: number, step: number, dollars: boolean): string {
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step > 0 ? step : 1))));
  return `${dollars ? '$' : ''}${v.toFixed(decimals)}`;
}

function axes(fr: Frame): string[] {
  const out: string[] = [];
  const [x0, y0, x1, y1] = [MARGIN.left, fr.h - MARGIN.bottom, fr.w - MARGIN.right, MARGIN.top];
  out.push(`<path d="M${x0} ${y1}V${y0}H${x1}" fill="none" stroke="#333"/>`);
  const xt = niceTicks(fr.xr[0], fr.xr[1]);
  const yt = niceTicks(fr.yr[0], fr.yr[1]);
  const xs = xt.length > 1 ? (xt[1] as number) - (xt[0] as number) : 1;
  const ys = yt.length > 1 ? (yt[1] as number) - (yt[0] as number) : 1;
  for (const t of xt) {
    out.push(`<line x1="${num(fr.x(t))}" y1="${y0}" x2="${num(fr.x(t))}" y2="${y0 + 5}" stroke="#333"/>`);
    out.push(`<text x="${num(fr.x(t))}" y="${y0 + 18}" text-anchor="middle">${escapeXml(tickLabel(t, xs, true))}</text>`);
  }
  for (const t of yt) {
    out.push(`<line x1="${x0 - 5}" y1="${num(fr.y(t))}" x2="${x0}" y2="${num(fr.y(t))}" stroke="#333"/>`);
    out.push(`<text x="${x0 - 8}" y="${num(fr.y(t) + 4)}" text-anchor="end">${escapeXml(tickLabel(t, ys, false))}</text>`);
  }
  out.push(`<text x="${num((x0 + x1) / 2)}" y="${fr.h - 10}" text-anchor="middle">$ per 1,000 requests</text>`);
  out.push(`<text x="16" y="${num((y0 + y1) / 2)}" text-anchor="middle" transform="rotate(-90 16 ${num((y0 + y1) / 2)})">quality</text>`);
  return out;
}

/** A five-pointed star path centred on (cx, cy). */
function star(cx: number, cy: number, r: number): string {
  const pts = Array.from({ length: 10 }, (_, i) => {
    const rad = i % 2 === 0 ? r : r * 0.45;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${num(cx + rad * Math.cos(a))},${num(cy + rad * Math.sin(a))}`;
  });
  return `<polygon points="${pts.join(' ')}" fill="#f5b700" stroke="#333"/>`;
}

function curveSvg(fr: Frame, curve: PlotCurve, color: string): string[] {
  const pts = curve.points.filter(finite);
  if (pts.length === 0) return [];
  const path = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(fr.x(p.costPer1k))} ${num(fr.y(p.quality))}`).join('');
  return [
    `<path d="${path}" fill="none" stroke="${color}" stroke-width="1.5"/>`,
    ...pts.map((p) => `<circle cx="${num(fr.x(p.costPer1k))}" cy="${num(fr.y(p.quality))}" r="2.5" fill="${color}"/>`),
  ];
}

function legend(fr: Frame, entries: readonly { label: string; color: string; dashed?: boolean }[]): string[] {
  const x = fr.w - MARGIN.right + 14;
  return entries.flatMap((e, i) => {
    const y = MARGIN.top + 8 + i * 18;
    return [
      `<line x1="${x}" y1="${y}" x2="${x + 18}" y2="${y}" stroke="${e.color}" stroke-width="2"${e.dashed ? ' stroke-dasharray="4 3"' : ''}/>`,
      `<text x="${x + 24}" y="${y + 4}">${escapeXml(e.label)}</text>`,
    ];
  });
}

function labelledPoint(fr: Frame, p: PlotPoint, text: string, fill: string): string[] {
  const cx = num(fr.x(p.costPer1k));
  const cy = num(fr.y(p.quality));
  return [`<circle cx="${cx}" cy="${cy}" r="5" fill="${fill}" stroke="#333"/>`, `<text x="${num(fr.x(p.costPer1k) + 8)}" y="${num(fr.y(p.quality) - 8)}">${escapeXml(text)}</text>`];
}

/** Everything drawn inside the axes. */
function marks(fr: Frame, input: RoutingPlotInput): string[] {
  const { s, l, oracle, chosen, curves } = input;
  const out: string[] = [];
  if (finite(s) && finite(l)) {
    out.push(`<line x1="${num(fr.x(s.costPer1k))}" y1="${num(fr.y(s.quality))}" x2="${num(fr.x(l.costPer1k))}" y2="${num(fr.y(l.quality))}" stroke="#888" stroke-dasharray="4 3"/>`);
  }
  curves.forEach((c, i) => out.push(...curveSvg(fr, c, PALETTE[i % PALETTE.length] as string)));
  if (finite(s)) out.push(...labelledPoint(fr, s, 'S', '#fff'));
  if (finite(l)) out.push(...labelledPoint(fr, l, 'L', '#333'));
  if (oracle && finite(oracle)) out.push(star(fr.x(oracle.costPer1k), fr.y(oracle.quality), 8));
  if (chosen && finite(chosen)) {
    const cx = num(fr.x(chosen.costPer1k));
    const cy = num(fr.y(chosen.quality));
    out.push(`<circle cx="${cx}" cy="${cy}" r="8" fill="none" stroke="#000" stroke-width="2"/>`);
    out.push(`<text x="${num(fr.x(chosen.costPer1k) + 10)}" y="${num(fr.y(chosen.quality) + 16)}">${escapeXml(chosen.label)}</text>`);
  }
  return out;
}

/** The plot as a standalone SVG document. */
export function routingPlotSvg(input: RoutingPlotInput): string {
  const w = input.width ?? 640;
  const h = input.height ?? 420;
  const all = [input.s, input.l, ...(input.oracle ? [input.oracle] : []), ...(input.chosen ? [input.chosen] : []), ...input.curves.flatMap((c) => c.points)].filter(finite);
  const fr = frameFor(all.length > 0 ? all : [{ costPer1k: 0, quality: 0 }], w, h);
  const entries = [
    ...input.curves.map((c, i) => ({ label: c.label, color: PALETTE[i % PALETTE.length] as string })),
    { label: 'Zero router', color: '#888', dashed: true },
  ];
  const title = input.title ?? 'Quality vs cost';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
    ...axes(fr), ...marks(fr, input), ...legend(fr, entries),
    '</svg>',
  ].join('\n');
}
