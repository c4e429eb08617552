import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/**
 * The agent-assist panel's files: its page at /, its scripts and styles under /panel, and the
 * chart library under /vendor/uplot. Static and public; the data comes from /api, behind the token.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PANEL_DIR = join(ROOT, 'panel');
const UPLOT_DIR = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));

export function panelRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => res.sendFile(join(PANEL_DIR, 'index.html')));
  router.use('/panel', express.static(PANEL_DIR, { index: false, maxAge: 0 }));
  router.use('/vendor/uplot', express.static(UPLOT_DIR, { index: false }));
  return router;
}
