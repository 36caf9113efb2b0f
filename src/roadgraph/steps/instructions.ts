/** Turn-by-turn text for couriers from OSRM steps, in every language osrm-text-instructions ships. */
import osrmTextInstructions from 'osrm-text-instructions';
import languages from 'osrm-text-instructions/languages.js';
import type { RouteStep } from '../road-graph.js';

const compiler = osrmTextInstructions('v5');
export const supportedLanguages: readonly string[] = languages.supportedCodes;

/** The best supported language for an Accept-Language header (q-values honoured; English by default). */
export function pickLanguage(header: string | undefined): string {
  if (!header) return 'en';
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const exact = supportedLanguages.find((code) => code.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const base = supportedLanguages.find((code) => code.toLowerCase() === tag.split('-')[0]!.toLowerCase());
    if (base) return base;
  }
  return 'en';
}

export function instructionsFor(steps: RouteStep[], language: string): string[] {
  const code = supportedLanguages.includes(language) ? language : 'en';
  return steps.map((step) => compiler.compile(code, step, { legCount: 1, legIndex: 0 }));
}
