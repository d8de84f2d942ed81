import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { SECTIONS } from './i18n/sections';

/** One MDX file per section per language: content/<lang>/<slug>.mdx. */
const pages = defineCollection({
  // The id is the file's path (`en/batchnorm`), not the `slug` field, so both languages keep their own entry.
  loader: glob({ pattern: '*/*.mdx', base: './content', generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
  schema: z.object({
    title: z.string().min(1),
    description: z.string().min(20).max(200),
    slug: z.enum(SECTIONS),
    order: z.number().int().min(0),
    nav: z.string().min(1),
  }),
});

export const collections = { pages };
