import { describe, expect, it } from 'vitest';
import { AppDirectory } from '../../../../src/engines/mesos/frameworks/app-directory.js';
import { miniContext } from '../../kubernetes/mini-context.js';

describe('AppDirectory (Marathon deployments across apps)', () => {
  it('counts an app as deployed once declared and its deployment finished', () => {
    const m = miniContext();
    const d = new AppDirectory(m.ctx);
    expect(d.isDeployed('db')).toBe(false); // not declared: a dependent waits
    d.started('db');
    expect(d.isDeployed('db')).toBe(false);
    d.finished('db');
    expect(d.isDeployed('db')).toBe(true);
    d.started('db'); // a later change: deploying again
    expect(d.isDeployed('db')).toBe(false);
  });

  it('reports an operation accepted by reply, and finished by the event bus when every app it changed finished', () => {
    const m = miniContext();
    const d = new AppDirectory(m.ctx);
    d.started('api');
    d.started('web');
    d.accepted('config-change-3', ['api', 'web']);
    d.finished('api');
    m.runTo(1);
    d.finished('web');
    const ops = m.events.flatMap((e) => (e.kind === 'operation' ? [[e.time / 1e6, e.phase, e.via]] : []));
    expect(ops).toEqual([
      [0, 'accepted', 'reply'],
      [1, 'finished', 'watch'],
    ]);
  });

  it('finishes at once an operation that changed nothing', () => {
    const m = miniContext();
    const d = new AppDirectory(m.ctx);
    d.accepted('restart-0', []);
    expect(m.events.map((e) => (e.kind === 'operation' ? e.phase : ''))).toEqual(['accepted', 'finished']);
  });

  it('tells dependents of a finished deployment in an event of their own, only when some app has dependencies', () => {
    const m = miniContext();
    const d = new AppDirectory(m.ctx);
    const heard: string[] = [];
    d.onDeployed((s) => heard.push(s));
    d.started('db');
    d.finished('db');
    m.runTo(1);
    expect(heard).toEqual([]);
    d.noteDependencies(['db']);
    d.started('db');
    d.finished('db');
    expect(heard).toEqual([]);
    m.runTo(2);
    expect(heard).toEqual(['db']);
  });
});
