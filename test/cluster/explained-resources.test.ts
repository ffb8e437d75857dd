import { describe, expect, it } from 'vitest';
import { explainResources } from '../../src/cluster/explained-resources.js';
import { resources } from '../../src/cluster/resources.js';

describe('explainResources', () => {
  it('states millicores as cores and bytes as GiB, with named fields', () => {
    expect(explainResources(resources({ cpu: 1500, memory: 3 * 2 ** 29, gpu: 1 }))).toEqual({ cpuCores: 1.5, memoryGiB: 1.5, gpus: 1 });
  });

  it('keeps extended resources as counted, and leaves the field out when there are none', () => {
    expect(explainResources(resources({ cpu: 250, ext: { 'example.com/fpga': 2 } }))).toEqual({
      cpuCores: 0.25,
      memoryGiB: 0,
      gpus: 0,
      ext: { 'example.com/fpga': 2 },
    });
    expect(Object.keys(explainResources(resources({ cpu: 1000 })))).toEqual(['cpuCores', 'memoryGiB', 'gpus']);
  });
});
