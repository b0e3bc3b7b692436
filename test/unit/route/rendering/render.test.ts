import { describe, expect, it } from 'vitest';
import { headline } from '../../../../src/route/rendering/headline.js';
import { renderRouteMarkdown } from '../../../../src/route/rendering/render-markdown.js';
import { metricLines } from '../../../../src/route/rendering/render-notes.js';
import { renderRouteText } from '../../../../src/route/rendering/render-text.js';
import type { RouteItem } from '../../../../src/route/analysis/types.js';
import { PARITY_N, planted, reportOf } from '../route-fixture.js';

// The routing report as people read it: the recommendation first, in one sentence, for each kind of
// outcome; "[SIMULATED]" wherever a simulated model is involved; unknown prices said, never invented;
// PGR/APGR/CPT skipped with the reason when the gap is not significant.

/** S and L equal on every item except a few: no significant gap, S as good as L. */
const noGap = (n: number): RouteItem[] => planted(n).map((it) => ({ ...it, qS: it.qL }));

/** S is worse everywhere but only slightly, with few items: no segment can be decided. */
const undecided = (n: number): RouteItem[] => planted(n).map((it, i) => ({ ...it, qS: i % 7 === 0 ? 0 : it.qL }));

/** A confidence signal that is low exactly where S fails: a good cascade. */
const withSignal = (n: number): RouteItem[] => planted(n).map((it, i) => ({ ...it, signal: it.qS === 0 ? 0.1 : 0.5 + (i % 5) / 10, segments: { level: 'one' } }));

describe('headline', () => {
  it.each([
    ['route by segment', planted(PARITY_N), {}, /^Route by level: 1 of 2 values \(easy\) to claude-haiku-5-5 \[SIMULATED\], the rest to claude-sonnet-5-5 \[SIMULATED\]; saves 45\.0% \(95% CI [\d.]+–[\d.]+%\) at quality within 2 pts of always-claude-sonnet-5-5 \(held-out [\d.]+% vs [\d.]+%\), validated on 5 held-out folds\.$/],
    ['S alone is enough', noGap(400), {}, /^claude-haiku-5-5 \[SIMULATED\] alone is enough: saves 90\.0% .* nothing fitted to the data, figures on all 400 samples\.$/],
    ['keep L, with the segment that needs more data', undecided(60), { segmentFields: ['parity'] }, /^Keep claude-sonnet-5-5 \[SIMULATED\]: no policy tested keeps quality within 2 pts .*need more data \(closest: parity = [xy], 30 samples now, about \d+ would decide it\)\.$/],
    ['a threshold cascade', withSignal(400), { signal: 'scorer:conf' }, /^Cascade: claude-haiku-5-5 \[SIMULATED\] first, escalate to claude-sonnet-5-5 \[SIMULATED\] when scorer:conf ≤ 0\.1 \(\d+\.\d% escalated\); saves .* validated on 5 held-out folds\.$/],
  ])('%s', (_name, items, over, pattern) => {
    expect(headline(reportOf(items, over))).toMatch(pattern);
  });

  // The contradiction: S 90% vs L 90% with discordance both ways must not read "S alone is enough"
  // while the metrics say the gap is not significant. 20 items: S wrong on 2, L wrong on 2 others.
  // Newcombe (16, 2, 2, 0), φ = −1/9: S − L in [−0.220998, +0.220998] (test/fixtures/stats/newcombe.py);
  // samples to decide at the 2-pt margin: (z.975 + z.8)²·Var(d)/δ² = 7.848880·(4/19)/0.02² = 4130.99 → 4131.
  it('keeps L and says the data cannot tell when the interval straddles the tolerance', () => {
    const items = planted(20).map((it, i) => ({ ...it, qS: i < 2 ? 0 : 1, qL: i === 2 || i === 3 ? 0 : 1, segments: { level: 'one' } }));
    const r = reportOf(items);
    const alwaysS = r.policies.find((p) => p.key === 'always-s');
    expect(alwaysS?.vsLarge).toMatchObject({ diff: 0, verdict: 'undecided', neededN: 4131 });
    expect(alwaysS?.vsLarge?.ci?.map((x) => Number(x.toFixed(6)))).toEqual([-0.220998, 0.220998]);
    expect(alwaysS?.meetsTarget).toBe(false);
    expect(r.recommendation.rule).toBe('always-large');
    expect(headline(r)).toBe('Keep claude-sonnet-5-5 [SIMULATED] for now: the data cannot tell whether claude-haiku-5-5 [SIMULATED] alone keeps quality within 2 pts of it (difference ±0.0 pts [−22.1 pts, +22.1 pts], 95% CI); about 4131 samples would decide it (20 now); 1 segment(s) need more data (closest: level = one, 20 samples now, about 4131 would decide it).');
    const text = renderRouteText(r);
    expect(text).not.toContain('alone is enough');
    expect(text).toMatch(/Gap Q_L − Q_S = ±0\.0 pts \[−22\.1 pts, \+22\.1 pts\]: gap not significant/);
    expect(text).toMatch(/always claude-haiku-5-5 .*can't tell/);
  });

  it('says when costs are unknown instead of inventing a saving', () => {
    const items = planted(PARITY_N).map((it) => ({ ...it, cL: null }));
    const r = reportOf(items);
    expect(headline(r)).toContain('cost unknown (prices missing); sends 50.0% of requests to the small model');
    const text = renderRouteText(r);
    expect(text).toContain('unknown');
    expect(text).toContain('AIQ: not computed');
    expect(r.policy.validated.savings).toBeNull();
  });
});

describe('renderRouteText', () => {
  it('skips PGR, APGR and CPT with the reason when the gap is not significant', () => {
    const text = renderRouteText(reportOf(noGap(400)));
    expect(text).toMatch(/Gap Q_L − Q_S = ±0\.0 pts .*: gap not significant/);
    expect(text).toContain('PGR, APGR and CPT skipped');
    expect(text).not.toContain('APGR 0');
  });

  it('orders the parts: headline, segments, policies, metrics, validation', () => {
    const text = renderRouteText(reportOf(planted(PARITY_N)));
    const at = (s: string) => text.indexOf(s);
    expect([at('Route by level'), at('Where S holds up, by level'), at('Policies'), at('Metrics:'), at('Validation and notes:')].every((v, i, a) => v >= 0 && (i === 0 || v > (a[i - 1] as number)))).toBe(true);
    expect(text).toContain('Route by level in-sample (optimistic');
    expect(text).toContain('[SIMULATED] claude-haiku-5-5 and claude-sonnet-5-5: records of the built-in simulator');
  });

  it('labels nothing simulated when no model is', () => {
    const text = renderRouteText(reportOf(planted(PARITY_N), { small: { id: 'anthropic:claude-haiku-5-5', simulated: false }, large: { id: 'anthropic:claude-sonnet-5-5', simulated: false } }));
    expect(text).not.toContain('SIMULATED');
  });
});

describe('metricLines: a held-out saving is at iso-quality only when its interval shows it', () => {
  const base = reportOf(planted(PARITY_N));
  const seg = base.policies.find((p) => p.key === 'segments');
  it.each([
    ['within', { diff: 0, ci: [-0.01, 0.01] as const, verdict: 'within' as const }, /held-out \(95% CI [\d.]+–[\d.]+%\)\.$/],
    ['undecided', { diff: -0.015, ci: [-0.031, 0.001] as const, verdict: 'undecided' as const }, /; not shown at iso-quality: Q − Q_L = −1\.5 pts \[−3\.1 pts, \+0\.1 pts\] reaches past −2 pts\.$/],
    ['worse', { diff: -0.05, ci: [-0.07, -0.03] as const, verdict: 'worse' as const }, /; not at iso-quality: Q − Q_L = −5\.0 pts \[−7\.0 pts, −3\.0 pts\] lies below −2 pts\.$/],
  ])('%s', (_name, v, pattern) => {
    expect(seg?.vsLarge).not.toBeNull();
    const vsLarge = { ...(seg?.vsLarge ?? { level: 0.95, tolerance: 0.02, neededN: null }), ...v };
    const r = { ...base, policies: base.policies.map((p) => (p.key === 'segments' ? { ...p, vsLarge } : p)) };
    const line = metricLines(r).find((l) => l.startsWith('Savings at iso-quality (Q ≥ Q_L − 2 pts), route by level'));
    expect(line).toMatch(pattern);
  });
});

describe('renderRouteMarkdown', () => {
  it('escapes segment values that come from the data', () => {
    const items = planted(PARITY_N).map((it) => ({ ...it, segments: { level: it.segments?.['level'] === 'easy' ? 'a|b *x*' : '<hard>' } }));
    const md = renderRouteMarkdown(reportOf(items));
    expect(md).toContain('a\\|b \\*x\\*');
    expect(md).toContain('&lt;hard&gt;');
    expect(md).not.toContain('<hard>');
  });
});
