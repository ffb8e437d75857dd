export * from './controller-api.js';
export { type ControllerHostDeps, startUserController } from './controller-host.js';
