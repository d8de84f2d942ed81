/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Vitest through Astro's Vite config, so `astro:*` virtual modules and JSON imports resolve.
export default getViteConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    benchmark: { include: ['src/**/*.bench.ts'] },
    environment: 'node',
  },
});
