#!/usr/bin/env node
// The `imr` command. The project runs its TypeScript directly through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
