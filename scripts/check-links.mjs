// The link check of the built site (`npm run test:links`, after `npm run build`): internal href/src/srcset, #fragments,
// stylesheet url()s, the manifest's, sitemap's and robots.txt's URLs, hreflang reciprocity and canonical URLs.
// Usage: node scripts/check-links.mjs [dir=dist] [--site=https://…]  (the site defaults to astro.config.mjs's).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkSite } from './link-check.mjs';

const args = process.argv.slice(2);
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
let site = args.find((a) => a.startsWith('--site='))?.slice('--site='.length);
if (!site) {
  // The configured site, as the build used it (SITE_URL or the config's placeholder).
  const { default: config } = await import('../astro.config.mjs');
  site = config.site;
}
if (!site) {
  console.error('check-links: no site configured (astro.config.mjs `site`, or --site=https://…)');
  process.exit(2);
}
if (!existsSync(resolve(dir, 'index.html'))) {
  console.error(`check-links: ${dir} holds no built site (no index.html): run npm run build first`);
  process.exit(2);
}

const { counts, problems } = checkSite(dir, site);
console.log(
  `check-links: ${dir} on ${site}\n` +
    `  ${counts.pages} pages, ${counts.otherFiles} other files\n` +
    `  ${counts.references} references: ${counts.internal} internal (${counts.fragments} with a #fragment), ${counts.external} external (not fetched); ` +
    `${counts.stylesheetUrls} of them url()s in stylesheets\n` +
    `  ${counts.canonicals} canonical links, ${counts.hreflangLinks} hreflang alternates`,
);
if (problems.length > 0) {
  console.error(`\ncheck-links: ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
  for (const { page, problem } of problems) console.error(`  ${page}: ${problem}`);
  process.exit(1);
}
console.log('check-links: every internal reference and fragment resolves; hreflang reciprocal; canonicals absolute and self-referencing');
