/**
 * The citizens' web module: pages and the public REST API. Thin: one boundary call per action.
 *
 * <p>The pages are static HTML with small vanilla scripts over the public REST API ({@code /api}),
 * not Jakarta Faces. Why: citizens meet them on a phone, often once and under a national load on
 * voting day; static files are small and cacheable (the vote page and its assets are about 50 KB,
 * goal under 100 KB), cost the servers nothing to render, and keep no server session, so any
 * instance answers any request and the API does the work once for the pages and for every other
 * client. They fit a strict Content Security Policy (no inline script or style, scripts from this
 * origin only; Stripe.js on the card step alone, when the card provider is Stripe) and build the
 * page with {@code textContent} only. Faces would add a server-side view state per citizen, a
 * heavier page and inline scripts, for forms that are one question per page anyway. State changes
 * go through {@code fetch} with JSON, which the Origin check ({@code OriginCheckFilter}) guards;
 * a registration's resume token and a voting credential travel in URL fragments and this tab's
 * sessionStorage, never in a cookie or a server log. {@code common.js} holds the French and English
 * texts' machinery, the language switch and the API calls.
 */
package org.openprimary.web;
