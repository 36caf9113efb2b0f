import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../version.js';
import { instructionsFor, pickLanguage, supportedLanguages } from './instructions.js';
import { buildSteps, modifierFor, turnAngle } from './build-steps.js';
import type { PathTrace, TraceEdge } from '../path-trace.js';
import type { RouteStep } from '../road-graph.js';

const fixtures = join(projectRoot, 'node_modules', 'osrm-text-instructions', 'test', 'fixtures', 'v5');
/** The maneuver types our step builder emits; the package's fixtures for them must compile to the same text. */
const emitted = ['depart', 'arrive', 'turn', 'new_name', 'continue', 'roundabout', 'on_ramp', 'off_ramp', 'merge', 'fork', 'end_of_road'];

describe('instructions from osrm-text-instructions fixtures', () => {
  for (const type of emitted) {
    it(`compiles every ${type} fixture in every shipped language`, () => {
      const files = readdirSync(join(fixtures, type)).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThan(0);
      let checked = 0;
      for (const file of files) {
        const fixture = JSON.parse(readFileSync(join(fixtures, type, file), 'utf8')) as { step: RouteStep; instructions: Record<string, string>; options?: object };
        if (fixture.options || !fixture.instructions) continue;
        for (const [language, expected] of Object.entries(fixture.instructions)) {
          expect(instructionsFor([fixture.step], language)[0]).toBe(expected);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

describe('pickLanguage', () => {
  it('honours Accept-Language with q-values and regional fallbacks', () => {
    expect(pickLanguage('fr-CH, fr;q=0.9, en;q=0.8')).toBe('fr');
    expect(pickLanguage('pt-BR')).toBe('pt-BR');
    expect(pickLanguage('xx, de;q=0.5')).toBe('de');
    expect(pickLanguage(undefined)).toBe('en');
    expect(supportedLanguages.length).toBeGreaterThan(20);
  });
});

const edge = (name: string, geometry: [number, number][], extra: Partial<TraceEdge> = {}): TraceEdge => ({ name, ref: '', roundabout: false, highway: 'residential', duration: 10, distance: 100, geometry, ...extra });

describe('buildSteps', () => {
  const rightTurn = (bearings: number[]): PathTrace => ({
    edges: [edge('Main Street', [[0, 0], [0, 0.001]]), edge('Side Road', [[0, 0.001], [0.001, 0.001]])],
    junctions: [
      { location: [0, 0], bearings: [0], entry: [true] },
      { location: [0, 0.001], bearings, entry: bearings.map(() => true) },
      { location: [0.001, 0.001], bearings: [270], entry: [false] },
    ],
  });

  it('turns right at a crossroads onto another street', () => {
    const steps = buildSteps(rightTurn([180, 90, 270, 0]), undefined);
    expect(steps.map((s) => s.maneuver.type)).toEqual(['depart', 'turn', 'arrive']);
    expect(steps[1]!.maneuver.modifier).toBe('right');
    expect(instructionsFor(steps, 'en')).toEqual(['Head north on Main Street', 'Turn right onto Side Road', 'You have arrived at your destination']);
  });

  it('says "end of road" at a T-junction with no way straight on', () => {
    const steps = buildSteps(rightTurn([180, 90, 270]), undefined);
    expect(steps[1]!.maneuver).toMatchObject({ type: 'end of road', modifier: 'right' });
    expect(instructionsFor(steps, 'en')[1]).toBe('Turn right onto Side Road');
  });

  it('counts roundabout exits and names the exit road', () => {
    const trace: PathTrace = {
      edges: [
        edge('In Road', [[0, -0.001], [0, 0]]),
        edge('Ring', [[0, 0], [0.0005, 0.0005]], { roundabout: true }),
        edge('Ring', [[0.0005, 0.0005], [0, 0.001]], { roundabout: true }),
        edge('Out Road', [[0, 0.001], [0, 0.002]]),
      ],
      junctions: [
        { location: [0, -0.001], bearings: [0], entry: [true] },
        { location: [0, 0], bearings: [180, 45], entry: [true, true] },
        { location: [0.0005, 0.0005], bearings: [225, 315, 90], entry: [false, true, true] },
        { location: [0, 0.001], bearings: [135, 0], entry: [false, true] },
        { location: [0, 0.002], bearings: [180], entry: [false] },
      ],
    };
    const steps = buildSteps(trace, 'geojson');
    expect(steps.map((s) => s.maneuver.type)).toEqual(['depart', 'roundabout', 'arrive']);
    expect(steps[1]!.maneuver.exit).toBe(2);
    expect(instructionsFor(steps, 'en')[1]).toBe('Enter the roundabout and take the 2nd exit onto Out Road');
  });

  it('classifies angles', () => {
    expect(turnAngle(350, 10)).toBe(20);
    expect(modifierFor(5)).toBe('straight');
    expect(modifierFor(-90)).toBe('left');
    expect(modifierFor(150)).toBe('sharp right');
    expect(modifierFor(179)).toBe('uturn');
  });
});
