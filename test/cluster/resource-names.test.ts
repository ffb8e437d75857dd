import { describe, expect, it } from 'vitest';
import {
  canonicalResourceName,
  dimension,
  GPU_RESOURCE_NAME,
  maxResources,
  QUALIFIED_RESOURCE_NAME,
  resourceNamesOf,
  resources,
} from '../../src/cluster/resources.js';

/*
 * Resource names as Kubernetes writes them: cpu, memory, and extended resources as a qualified
 * `domain/name` (IsExtendedResourceName / IsQualifiedName in k8s.io/apimachinery validation); GPUs
 * are the device plugin's `nvidia.com/gpu`, and `gpu` is our short name for it.
 */
describe('resource names', () => {
  it('treats gpu and nvidia.com/gpu as one resource', () => {
    expect(GPU_RESOURCE_NAME).toBe('nvidia.com/gpu');
    expect(canonicalResourceName('gpu')).toBe('nvidia.com/gpu');
    expect(canonicalResourceName('nvidia.com/gpu')).toBe('nvidia.com/gpu');
    expect(canonicalResourceName('example.com/fpga')).toBe('example.com/fpga');
    const v = resources({ gpu: 2 });
    expect(dimension(v, 'nvidia.com/gpu')).toBe(2);
    expect(dimension(v, 'gpu')).toBe(2);
  });

  it.each(['nvidia.com/gpu', 'example.com/fpga', 'a.b-c.io/Some_name.v1', 'x/y'])('accepts %s as an extended resource name', (name) => {
    expect(QUALIFIED_RESOURCE_NAME.test(name)).toBe(true);
  });
  it.each(['gpu', 'fpga', '/gpu', 'nvidia.com/', 'Nvidia.com/gpu', 'a/b/c', 'x/-y'])('rejects %s', (name) => {
    expect(QUALIFIED_RESOURCE_NAME.test(name)).toBe(false);
  });

  it('lists the names a vector has in a positive amount, GPUs by their real name', () => {
    expect(resourceNamesOf(resources({ cpu: 1, gpu: 1, ext: { 'example.com/fpga': 1, 'example.com/nic': 0 } }))).toEqual([
      'cpu',
      'nvidia.com/gpu',
      'example.com/fpga',
    ]);
  });

  it('takes the element-wise maximum, extended resources included', () => {
    expect(maxResources(resources({ cpu: 1, memory: 5, ext: { 'a.io/x': 2 } }), resources({ cpu: 3, gpu: 1, ext: { 'b.io/y': 1 } }))).toEqual({
      cpu: 3,
      memory: 5,
      gpu: 1,
      ext: { 'a.io/x': 2, 'b.io/y': 1 },
    });
  });
});
