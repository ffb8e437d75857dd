export { mesosEngine } from './mesos-engine.js';
export { type MesosOptions, parseMesosOptions, defaultMesosOptions } from './options.js';
export { MESOS_DEFAULTS } from './defaults.js';
export { DrfSorter, type DrfSorterOptions } from './sorter/drf-sorter.js';
export { HierarchicalAllocator, type AllocatorHost, type AllocatorConfig, type AllocatedOffer } from './allocator/allocator.js';
