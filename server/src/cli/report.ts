import type { Format } from './args.js';
import { forEachChecklist } from './analyse.js';
import { paint } from './format/color.js';
import { reportMarkdown } from './format/reportMarkdown.js';
import { reportText } from './format/reportText.js';
import type { Io } from './io.js';
import { buildReport, type ChecklistReport } from './reportModel.js';

/** `preflight report`: unreadable files are reported on stderr and make the exit code 2; the rest still print. */
export function runReport(files: readonly string[], format: Format, io: Io): number {
  const reports: ChecklistReport[] = [];
  const code = forEachChecklist(files, io, (file, checklist) => reports.push(buildReport(file, checklist)));
  if (format === 'json') {
    if (reports.length > 0 || files.length > 1) io.out(JSON.stringify(files.length === 1 ? reports[0] : reports, null, 2));
  } else if (reports.length > 0) {
    const render = format === 'markdown' ? reportMarkdown : (r: ChecklistReport) => reportText(r, paint(io.color));
    io.out(reports.map(render).join(format === 'markdown' ? '\n\n---\n\n' : '\n\n'));
  }
  return code;
}
