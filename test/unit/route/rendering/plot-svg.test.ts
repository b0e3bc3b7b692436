import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { escapeXml, niceTicks, routingPlotSvg, type RoutingPlotInput } from '../../../../src/route/rendering/plot-svg.js';

/** xmllint's parser errors for the document ([] when well-formed). */
async function xmlErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: { fileName: 'plot.svg', contents: xml }, normalization: 'format' });
  return r.valid ? [] : r.errors.map((e) => e.message);
}

const INPUT: RoutingPlotInput = {
  title: 'Haiku <vs> "Opus" & friends',
  s: { costPer1k: 1000, quality: 0.5 },
  l: { costPer1k: 10000, quality: 0.8 },
  oracle: { costPer1k: 2800, quality: 1 },
  curves: [
    { label: 'cascade <post>', points: [{ costPer1k: 1000, quality: 0.5 }, { costPer1k: 3000, quality: 0.7 }, { costPer1k: 11000, quality: 0.8 }] },
    { label: 'router', points: [{ costPer1k: 1000, quality: 0.5 }, { costPer1k: 5500, quality: 0.8 }, { costPer1k: Number.NaN, quality: 0.1 }] },
  ],
  chosen: { costPer1k: 6000, quality: 0.8, label: 'τ* & held-out' },
};

describe('routingPlotSvg', () => {
  it('the checker itself rejects malformed XML', async () => {
    expect(await xmlErrors('<svg><g></svg>')).not.toEqual([]);
    expect(await xmlErrors('<svg>&</svg>')).not.toEqual([]);
  });

  it('is a well-formed standalone SVG (xmllint) with every part drawn', async () => {
    const svg = routingPlotSvg(INPUT);
    expect(await xmlErrors(svg)).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<polygon'); // the oracle star
    expect(svg).toContain('stroke-dasharray="4 3"'); // the Zero-router line
    expect(svg.match(/<path d="M[^"]*" fill="none" stroke="#[0-9a-f]{6}" stroke-width="1.5"/g)).toHaveLength(2); // two curves
    expect(svg).toContain('r="8" fill="none"'); // the chosen point's ring
    expect(svg).toContain('$ per 1,000 requests');
    expect(svg).not.toContain('NaN');
  });

  it('escapes caller text', () => {
    const svg = routingPlotSvg(INPUT);
    expect(svg).toContain('Haiku &lt;vs&gt; &quot;Opus&quot; &amp; friends');
    expect(svg).toContain('cascade &lt;post&gt;');
    expect(svg).toContain('τ* &amp; held-out');
    expect(svg).not.toContain('<post>');
  });

  it('tick labels: dollars on x, quality on y', () => {
    const svg = routingPlotSvg(INPUT);
    expect(svg).toContain('>$2000<');
    expect(svg).toContain('>0.6<');
  });

  it('degenerate input (S = L, no curves, non-finite points) is still well-formed', async () => {
    const svg = routingPlotSvg({ s: { costPer1k: 1, quality: 0.5 }, l: { costPer1k: 1, quality: 0.5 }, curves: [], oracle: { costPer1k: Infinity, quality: 1 } });
    expect(await xmlErrors(svg)).toEqual([]);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});

describe('helpers', () => {
  it.each([
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0.45, 0.85, [0.5, 0.6, 0.7, 0.8]],
    [550, 11450, [2000, 4000, 6000, 8000, 10000]],
    [3, 3, [3]],
  ])('niceTicks(%f, %f)', (lo, hi, want) => {
    expect(niceTicks(lo, hi)).toEqual(want);
  });

  it('escapeXml', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});
