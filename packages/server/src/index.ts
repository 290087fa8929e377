export { createApp } from './app.js';
export { type Clock, ManualClock, OffsetClock, systemClock } from './clock.js';
export { connectPostgres, type Db, openDatabase, openPglite } from './db.js';
export { createMerchant, createStaffKey } from './domain/merchants.js';
export { signWebhook } from './domain/webhook-delivery.js';
export { migrate } from './migrate.js';
export { createFlockServer, type FlockServer, type FlockServerOptions } from './server.js';
