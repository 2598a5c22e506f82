/**
 * The dashboard's page: a shell that loads the bundled script and stylesheet under a strict Content
 * Security Policy. Nothing of the document is in it; the script draws the view from messages with
 * textContent and setAttribute, so no checklist text is ever parsed as HTML.
 */

export interface DashboardPage {
  /** webview.cspSource: where the webview may load our files from. */
  cspSource: string;
  /** A fresh random nonce per page: only our script tag runs. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** No inline styles or scripts, no network, no frames: images and styles from the extension only. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource}`].join('; ');
}

export function dashboardHtml(page: DashboardPage): string {
  const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(page.styleUri)}">
<title>Preflight Dashboard</title>
</head>
<body>
<main id="dashboard" aria-busy="true"><p class="muted">Loading the dashboard…</p></main>
<p id="announce" class="visually-hidden" role="status" aria-live="polite"></p>
<script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
</body>
</html>
`;
}
