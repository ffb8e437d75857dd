export * from './dns-poll.js';
export * from './endpoint-book.js';
export * from './instant-discovery.js';
export * from './naming-service.js';
