export * from './framework-api.js';
export { UserFramework } from './user-framework.js';
