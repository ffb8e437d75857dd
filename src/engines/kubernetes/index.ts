export { kubernetesEngine, KubernetesEngine, computeBounds } from './kubernetes-engine.js';
export { parseOptions, defaultOptions, kubernetesOptionsSchema, type KubernetesOptions } from './options.js';
export { KUBERNETES_DEFAULTS } from './defaults.js';
