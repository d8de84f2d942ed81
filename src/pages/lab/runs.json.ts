// Every run the build precomputed (src/widgets/lab/precompute.ts): the lab page embeds seed 1's and fetches the
// others from here when the reader asks for "3 seeds".
import type { APIRoute } from 'astro';
import { precomputedRuns } from '../../widgets/lab/precompute';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(precomputedRuns()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
