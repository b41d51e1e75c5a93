export * from './access.ts';
export * from './app.ts';
export type { DashboardTokens, Role } from './auth.ts';
export * from './serve.ts';
