import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Engine, type EngineFactory } from '../../../../src/engines/engine.js';
import { parseEngineOptions } from '../../../../src/engines/kit/index.js';
import { OmegaPaperModel, omegaPaperFactory, withOmegaPaperModel } from '../../../../src/engines/kit/omega-paper/index.js';
import { mesosEngine, parseMesosOptions } from '../../../../src/engines/mesos/index.js';
import { paperContext } from './paper-context.js';

describe('model: omega-paper under an engine', () => {
  it('mesos validates model and omegaPaper with their field paths', () => {
    const bad = parseMesosOptions({ model: 'paper', omegaPaper: { conflictMode: 'optimistic', retryAfter: 'soon' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.path.join('.')).sort()).toEqual(['model', 'omegaPaper.conflictMode', 'omegaPaper.retryAfter']);
    const unknown = parseMesosOptions({ omegaPaper: { thinkTime: { tJob: '1s', tFoo: '1s' } } });
    expect(unknown.ok ? [] : unknown.issues.map((i) => i.path.join('.'))).toEqual(['omegaPaper.thinkTime']);
  });

  it('mesos defaults to its faithful model and delegates the whole trial when told', () => {
    const faithful = parseMesosOptions({});
    const paper = parseMesosOptions({ model: 'omega-paper', omegaPaper: { thinkTimes: { service: { tJob: '10s' } } } });
    if (!faithful.ok || !paper.ok) throw new Error('options did not validate');
    expect(faithful.options.model).toBe('faithful');
    expect(paper.options.omegaPaper.thinkTimes['service']).toEqual({ tJob: 10_000_000, tTask: 5_000 });
    const h = paperContext(2, 4000, 16e9);
    const engine = mesosEngine.create(h.ctx, paper.options);
    expect(engine).toBeInstanceOf(OmegaPaperModel);
    expect((engine as OmegaPaperModel).architecture).toBe('mesos');
    expect(mesosEngine.create(paperContext(2, 4000, 16e9).ctx, faithful.options)).not.toBeInstanceOf(OmegaPaperModel);
  });

  it('withOmegaPaperModel: one call gives any engine the switch (borg → monolithic, omega → omega)', () => {
    const made: string[] = [];
    const base: EngineFactory<{ readonly period: number }> = {
      name: 'toy',
      description: 'a toy engine',
      parseOptions: (raw) => parseEngineOptions(z.strictObject({ period: z.number().default(5) }), raw),
      create: () => {
        made.push('faithful');
        return { start() {}, submit() {}, controlPlaneFault() {}, bounds: () => ({ placementWithin: 0, recoveryWithin: 0 }) } as unknown as Engine;
      },
    };
    const wrapped = withOmegaPaperModel(base, 'omega');
    const bad = wrapped.parseOptions({ period: 'x', model: 'nope', omegaPaper: { transactionMode: 'some' } });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path.join('.')).sort()).toEqual(['model', 'omegaPaper.transactionMode', 'period']);
    const faithful = wrapped.parseOptions({ period: 7 });
    const paper = wrapped.parseOptions({ model: 'omega-paper', omegaPaper: { conflictMode: 'sequence-numbers' } });
    if (!faithful.ok || !paper.ok) throw new Error('options did not validate');
    expect(faithful.options).toMatchObject({ period: 7, model: 'faithful' });
    wrapped.create(paperContext(1, 1000, 1e9).ctx, faithful.options);
    expect(made).toEqual(['faithful']);
    const engine = wrapped.create(paperContext(1, 1000, 1e9).ctx, paper.options);
    expect((engine as OmegaPaperModel).architecture).toBe('omega');
    expect(paper.options.omegaPaper.conflictMode).toBe('sequence-numbers');
  });

  it('a stand-alone factory parses the omegaPaper block alone', () => {
    const f = omegaPaperFactory('monolithic');
    expect(f.name).toBe('omega-paper-monolithic');
    const r = f.parseOptions({ abandonAfterAttempts: 0 });
    expect(r.ok ? [] : r.issues.map((i) => i.path.join('.'))).toEqual(['abandonAfterAttempts']);
  });
});
